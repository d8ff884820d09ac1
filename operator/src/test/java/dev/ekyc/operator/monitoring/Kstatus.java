package dev.ekyc.operator.monitoring;

import java.nio.file.Path;
import java.util.List;

/**
 * testenv's kstatus program: the status sigs.k8s.io/cli-utils/pkg/kstatus computes for a resource's
 * JSON file.
 */
public final class Kstatus {
  private Kstatus() {}

  /** {status, message}, e.g. {"Current", "Resource is Ready"}. */
  public static String[] of(Path file) {
    String line =
        Tools.run(
                List.of(MonitoringTools.kstatus().toString(), file.toAbsolutePath().toString()),
                file.toAbsolutePath().getParent())
            .trim();
    String[] fields = line.split("\t", 3);
    return new String[] {fields[1], fields.length > 2 ? fields[2] : ""};
  }
}
