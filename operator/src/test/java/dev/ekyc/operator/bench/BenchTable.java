package dev.ekyc.operator.bench;

import java.sql.SQLException;

/** A purge workload's data: a seed, identical copies for the contenders, and what must survive. */
interface BenchTable {
  void createSeed() throws SQLException;

  void copy(String table) throws SQLException;

  void drop(String table) throws SQLException;

  /**
   * Rows (or, with erasure, row changes) still due in the table: before minus after is the work
   * done.
   */
  long due(String table) throws SQLException;

  /** The seed's ids that remain, with every compared column, as a count and a CRC32 sum. */
  String survivors(String table) throws SQLException;

  /** What {@link #survivors} must say after a correct purge, computed from the seed alone. */
  String expectedSurvivors() throws SQLException;
}
