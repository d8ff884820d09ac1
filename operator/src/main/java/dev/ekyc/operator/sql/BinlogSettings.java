package dev.ekyc.operator.sql;

import dev.ekyc.operator.policy.ResidualCopy;
import java.time.Duration;

/**
 * The server's binary log as its variables describe it, and what that means for erased values: with
 * the log on, a row-based log keeps every inserted value, and with {@code binlog_row_image=FULL}
 * our own UPDATE and DELETE write the erased values once more, as before-images, at purge time.
 * Files go when they are older than the expiry at a rotation (size {@code max_binlog_size}, FLUSH
 * BINARY LOGS, restart): the bound is the expiry, and the note says it starts at a file's last
 * write. {@code expireSeconds} 0 means never (MariaDB's default); null when unreadable. {@code
 * oldestFile} and {@code files} come from SHOW BINARY LOGS, which needs the BINLOG MONITOR
 * (MariaDB) or REPLICATION CLIENT (MySQL) privilege; null without it.
 */
public record BinlogSettings(
    boolean logBin,
    String format,
    String rowImage,
    Long expireSeconds,
    String expireSource,
    Integer files,
    String oldestFile) {

  /** The binary log as a residual copy of a table rule's values. */
  public ResidualCopy residual() {
    if (!logBin) {
      return ResidualCopy.absent("binlog", "log_bin=OFF");
    }
    String files =
        this.files == null
            ? "SHOW BINARY LOGS not permitted"
            : this.files + " file(s), oldest " + oldestFile;
    String image = "format " + format + (rowImage == null ? "" : ", row image " + rowImage);
    if (expireSeconds == null) {
      return ResidualCopy.unknown("binlog", "log_bin=ON", image + "; expiry unreadable; " + files);
    }
    String note =
        image
            + "; "
            + files
            + "; a file is purged at the first rotation after it is older than the expiry"
            + "; fix: a shorter "
            + expireSource
            + " and regular rotation (FLUSH BINARY LOGS), or keep the value out of"
            + " the database";
    return new ResidualCopy(
        "binlog",
        ResidualCopy.State.READ,
        expireSeconds == 0 ? null : Duration.ofSeconds(expireSeconds),
        expireSource
            + "="
            + (expireSource.equals("expire_logs_days") ? expireSeconds / 86_400 : expireSeconds),
        note);
  }

  /**
   * The expiry in seconds from the variables: MySQL 8's binlog_expire_logs_seconds wins over
   * expire_logs_days when set (non-zero); MariaDB 10.6+ has both, kept in step; older MariaDB only
   * expire_logs_days (fractional allowed).
   */
  static Expiry expiry(String expireLogsSeconds, String expireLogsDays) {
    if (expireLogsSeconds != null && !expireLogsSeconds.isBlank()) {
      long seconds = (long) Double.parseDouble(expireLogsSeconds);
      if (seconds > 0 || expireLogsDays == null) {
        return new Expiry(seconds, "binlog_expire_logs_seconds");
      }
    }
    if (expireLogsDays != null && !expireLogsDays.isBlank()) {
      return new Expiry(
          Math.round(Double.parseDouble(expireLogsDays) * 86_400), "expire_logs_days");
    }
    return null;
  }

  record Expiry(long seconds, String source) {}
}
