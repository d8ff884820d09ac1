package dev.ekyc.operator.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adjusts logback (configured by logback.xml: stderr, level EKYC_LOG_LEVEL or INFO) for commands
 * whose output is the point, such as plan: quiet unless asked, so stdout and stderr carry only the
 * result.
 */
final class LogLevels {
  private LogLevels() {}

  /**
   * Warnings only, unless EKYC_LOG_LEVEL says otherwise; with --debug, debug messages of the
   * operator's own code.
   */
  static void forReportingCommand(boolean debug) {
    if (!(LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof Logger root)) {
      return;
    }
    if (debug) {
      ((Logger) LoggerFactory.getLogger("dev.ekyc")).setLevel(Level.DEBUG);
    } else if (System.getenv("EKYC_LOG_LEVEL") == null) {
      root.setLevel(Level.WARN);
    }
  }
}
