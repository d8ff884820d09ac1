package dev.ekyc.operator.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code rclone delete --min-age} as a user would run it against the same server: the remote is
 * configured through RCLONE_CONFIG_BENCH_* variables (no config file, and the secret never on a
 * command line).
 */
final class Rclone {
  private final BenchS3 s3;

  Rclone(BenchS3 s3) {
    this.s3 = s3;
  }

  void deleteOlderThan(String bucket, String prefix, String minAge, List<String> extraFlags)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "rclone",
                "delete",
                "bench:" + bucket + "/" + prefix,
                "--min-age",
                minAge,
                "--checkers",
                "16",
                "--transfers",
                "16",
                "--s3-no-check-bucket",
                "-q"));
    command.addAll(extraFlags);
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    var env = builder.environment();
    // Debian's rclone 1.60 cannot combine AWS_CA_BUNDLE with its own HTTP transport; the server is
    // plain HTTP.
    env.remove("AWS_CA_BUNDLE");
    env.put("RCLONE_CONFIG", "/dev/null");
    env.put("RCLONE_CONFIG_BENCH_TYPE", "s3");
    env.put("RCLONE_CONFIG_BENCH_PROVIDER", "Other");
    env.put("RCLONE_CONFIG_BENCH_ENDPOINT", s3.endpoint.toString());
    env.put("RCLONE_CONFIG_BENCH_REGION", s3.region);
    env.put("RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE", "true");
    env.put("RCLONE_CONFIG_BENCH_ACCESS_KEY_ID", s3.accessKey);
    env.put("RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY", s3.secretKey);
    int exit = builder.start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("rclone exited with " + exit);
    }
  }
}
