package dev.ekyc.operator.bench;

import java.io.FileNotFoundException;
import java.io.PrintStream;

/**
 * Where a benchmark writes its result: the file named by {@code -Dbench.report} (the bench/ scripts
 * print it after the run, so the engines' own log lines cannot interleave with it), else standard
 * output.
 */
public final class BenchReport {
  private BenchReport() {}

  static PrintStream open() throws FileNotFoundException {
    String file = System.getProperty("bench.report");
    return file == null || file.isBlank() ? System.out : new PrintStream(file);
  }

  /**
   * For the scale benchmark, which lives with the integration tests' fixtures in another package.
   */
  public static PrintStream openForScale() throws FileNotFoundException {
    return open();
  }
}
