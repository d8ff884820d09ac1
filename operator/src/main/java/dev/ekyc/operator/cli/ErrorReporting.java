package dev.ekyc.operator.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What users see when something goes wrong: one {@code error:} line and a hint, a stack trace only
 * with --debug.
 */
final class ErrorReporting {
  private ErrorReporting() {}

  /** Bad command line (unknown option, missing or unusable -f path): exit 2. */
  static final class Usage implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
      CommandLine command = ex.getCommandLine();
      PrintWriter err = command.getErr();
      err.println("error: " + ex.getMessage());
      UnmatchedArgumentException.printSuggestions(ex, err);
      err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
      err.flush();
      return command.getCommandSpec().exitCodeOnInvalidInput();
    }
  }

  /** Anything a command did not handle: exit 1. */
  static final class Unexpected implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(
        Exception ex, CommandLine command, ParseResult parseResult) {
      PrintWriter err = command.getErr();
      err.println("error: " + describe(ex));
      if (debugRequested(parseResult)) {
        ex.printStackTrace(err);
      } else {
        err.println("Run again with --debug to see where it happened.");
      }
      err.flush();
      return command.getCommandSpec().exitCodeOnExecutionException();
    }
  }

  static boolean debugRequested(ParseResult parseResult) {
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable ex) {
    Throwable cause = ex;
    while (cause.getMessage() == null && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
  }
}
