package dev.ekyc.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.it.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The image the build writes (operator/pom.xml: image.repository, image.tag, image.uid) is the one
 * the chart's defaults run, as the README's Install section promises: a loaded tarball needs no
 * --set.
 */
class ChartImageDefaultsTest {

  @Test
  void theBuildsImageIsTheChartsDefaultImage() throws IOException {
    String pom = Files.readString(ProjectFiles.path("operator/pom.xml"));
    String chart = Files.readString(ProjectFiles.path("helm/ekyc-operator/Chart.yaml"));
    String values = Files.readString(ProjectFiles.path("helm/ekyc-operator/values.yaml"));

    assertThat(first(chart, "(?m)^appVersion:\\s*\"?([^\"\\s]+)\"?"))
        .as("Chart.yaml appVersion")
        .isEqualTo(first(pom, "<image.tag>([^<]+)</image.tag>"));
    assertThat(first(values, "(?m)^  repository:\\s*(\\S+)"))
        .as("values.yaml image.repository")
        .isEqualTo(first(pom, "<image.repository>([^<]+)</image.repository>"));
    String uid = first(pom, "<image.uid>([^<]+)</image.uid>");
    assertThat(first(values, "(?m)^  runAsUser:\\s*(\\d+)"))
        .as("values.yaml podSecurityContext.runAsUser")
        .isEqualTo(uid);
    assertThat(uid)
        .isEqualTo(String.valueOf(dev.ekyc.operator.job.cronjob.JobPodSettings.IMAGE_UID));
  }

  private static String first(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as("pattern " + regex).isTrue();
    return matcher.group(1);
  }
}
