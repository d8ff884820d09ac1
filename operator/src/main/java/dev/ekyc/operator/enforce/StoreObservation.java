package dev.ekyc.operator.enforce;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.SqlSpec;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.policy.ColumnErasure;
import dev.ekyc.operator.policy.DeclaredResiduals;
import dev.ekyc.operator.policy.IndexLifecycle;
import dev.ekyc.operator.policy.ObservedAge;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.ResidualCheck;
import dev.ekyc.operator.policy.ResidualCopy;
import dev.ekyc.operator.policy.RulePlan;
import dev.ekyc.operator.policy.TablePurge;
import dev.ekyc.operator.search.HttpSearchTransport;
import dev.ekyc.operator.search.OldestIndexReader;
import dev.ekyc.operator.search.SearchTransport;
import dev.ekyc.operator.search.SnapshotResidual;
import dev.ekyc.operator.sql.OldestRows;
import dev.ekyc.operator.sql.SqlConnections;
import dev.ekyc.operator.sql.SqlResiduals;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads what one policy's store really holds, for the operator's drift interval and the {@code
 * drift} command alike: per rule the oldest data it does not keep ({@link OldestIndexReader},
 * {@link OldestRows}), the copies outside the live store ({@link SqlResiduals}, {@link
 * SnapshotResidual}, the DataStore's declared backups), and each rule's promises held against them
 * ({@link ResidualCheck}). Read-only; whatever cannot be read is named in {@code unreadable} (per
 * rule, or "*" for the store) instead of an age. Object storage: nothing read (the sweep's record
 * carries the oldest due object).
 */
public final class StoreObservation {
  private StoreObservation() {}

  /**
   * The reading: observed ages and verdicts per rule name, the store's residual copies, what could
   * not be read.
   */
  public record Observation(
      Map<String, List<ObservedAge>> oldest,
      List<ResidualCopy> residuals,
      Map<String, List<ResidualCheck.Verdict>> verdicts,
      Map<String, String> unreadable) {}

  /** {@code acceptedKinds} gives, per rule name, the residual kinds its spec acknowledges. */
  public static Observation read(
      DataStore store,
      StoreCredentials credentials,
      PolicyPlan plan,
      Function<String, Set<String>> acceptedKinds) {
    Map<String, List<ObservedAge>> oldest = new LinkedHashMap<>();
    Map<String, String> unreadable = new LinkedHashMap<>();
    List<ResidualCopy> residuals = new ArrayList<>(DeclaredResiduals.of(store));
    try {
      switch (plan.storeType()) {
        case Search ->
            readSearch(
                store, (StoreCredentials.Search) credentials, plan, oldest, residuals, unreadable);
        case SQL ->
            readSql(
                store.getSpec().sql,
                (StoreCredentials.Sql) credentials,
                plan,
                oldest,
                residuals,
                unreadable);
        case ObjectStorage -> {}
      }
    } catch (RuntimeException e) {
      unreadable.put("*", String.valueOf(e.getMessage()));
    }
    Map<String, List<ResidualCheck.Verdict>> verdicts = new LinkedHashMap<>();
    for (RulePlan rule : plan.rules()) {
      verdicts.put(
          rule.name(), ResidualCheck.check(rule, residuals, acceptedKinds.apply(rule.name())));
    }
    return new Observation(oldest, residuals, verdicts, unreadable);
  }

  private static void readSearch(
      DataStore store,
      StoreCredentials.Search credentials,
      PolicyPlan plan,
      Map<String, List<ObservedAge>> oldest,
      List<ResidualCopy> residuals,
      Map<String, String> unreadable) {
    SearchTransport transport =
        new HttpSearchTransport(store.getSpec().search.endpoint, credentials);
    OldestIndexReader reader = new OldestIndexReader(transport, store.getSpec().search.engine);
    for (RulePlan rule : plan.rules()) {
      Optional<IndexLifecycle> lifecycle =
          rule.mechanisms().stream()
              .filter(IndexLifecycle.class::isInstance)
              .map(IndexLifecycle.class::cast)
              .findFirst();
      if (lifecycle.isEmpty()) {
        continue;
      }
      try {
        oldest.put(rule.name(), List.of(reader.observe(lifecycle.get(), rule.overdueAfter())));
      } catch (RuntimeException e) {
        unreadable.put(rule.name(), String.valueOf(e.getMessage()));
      }
    }
    try {
      residuals.add(SnapshotResidual.read(transport, store.getSpec().search.engine));
    } catch (RuntimeException e) {
      residuals.add(ResidualCopy.unknown("snapshots", "GET _snapshot", e.getMessage()));
    }
  }

  private static void readSql(
      SqlSpec spec,
      StoreCredentials.Sql credentials,
      PolicyPlan plan,
      Map<String, List<ObservedAge>> oldest,
      List<ResidualCopy> residuals,
      Map<String, String> unreadable) {
    try (Connection connection = SqlConnections.open(spec, credentials)) {
      OldestRows rows = new OldestRows(connection, spec.database);
      for (RulePlan rule : plan.rules()) {
        Optional<TablePurge> purge =
            rule.mechanisms().stream()
                .filter(TablePurge.class::isInstance)
                .map(TablePurge.class::cast)
                .findFirst();
        if (purge.isEmpty()) {
          continue;
        }
        ColumnErasure erasure =
            rule.mechanisms().stream()
                .filter(ColumnErasure.class::isInstance)
                .map(ColumnErasure.class::cast)
                .findFirst()
                .orElse(null);
        Duration sensitiveBound =
            rule.promises().sensitiveDeleteWithin() != null
                ? rule.promises().sensitiveDeleteWithin()
                : rule.sensitiveWorstCaseAge();
        try {
          oldest.put(
              rule.name(), rows.observe(purge.get(), erasure, rule.overdueAfter(), sensitiveBound));
        } catch (SQLException | RuntimeException e) {
          unreadable.put(rule.name(), String.valueOf(e.getMessage()));
        }
      }
      residuals.addAll(new SqlResiduals(connection).read());
    } catch (SQLException e) {
      unreadable.put("*", "cannot read the database: " + e.getMessage());
    }
  }
}
