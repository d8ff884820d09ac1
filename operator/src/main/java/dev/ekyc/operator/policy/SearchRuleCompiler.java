package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.IndexDeletion;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import java.time.Duration;
import java.util.List;

/**
 * Search rules delete whole indices, so a rule must not delete an index while its newest document
 * is younger than the retention: indices are deleted {@code retention + writeWindow} after
 * creation, and the oldest document may then be {@code writeWindow} plus the engine's polling
 * interval older than the retention.
 */
final class SearchRuleCompiler {
  /** Elasticsearch checks ILM every 10 minutes by default (indices.lifecycle.poll_interval). */
  static final Duration ILM_POLL = Duration.ofMinutes(10);

  /**
   * OpenSearch runs ISM jobs every 5 minutes by default
   * (plugins.index_state_management.job_interval).
   */
  static final Duration ISM_POLL = Duration.ofMinutes(5);

  /**
   * Elasticsearch data stream lifecycle runs every 5 minutes by default
   * (data_streams.lifecycle.poll_interval).
   */
  static final Duration DSL_POLL = Duration.ofMinutes(5);

  private SearchRuleCompiler() {}

  static RulePlan compile(RuleContext ctx) {
    Duration retention = ctx.duration("retention", ctx.rule().retention);
    if (retention == null) {
      return null;
    }
    SearchEngine engine = ctx.store().getSpec().search.engine;
    String holdAlias = ctx.legalHold() == null ? null : ctx.legalHold().indexAlias;
    if (ctx.rule().indices != null && !ctx.rule().indices.pattern.endsWith("*")) {
      ctx.error(
          "indices.pattern",
          "'"
              + ctx.rule().indices.pattern
              + "' names one index; deleting a whole index"
              + " that still receives documents would delete its newest documents early",
          "use a pattern over time-based or rolled-over indices, e.g. '"
              + ctx.rule().indices.pattern
              + "-*'");
      return null;
    }
    if (swept(ctx.store()) && ctx.rule().dataStream != null) {
      ctx.error(
          "dataStream",
          "the store "
              + ctx.store().getMetadata().getName()
              + " has indexDeletion Sweep, and"
              + " the sweep job never deletes a data stream's backing indices (they are hidden, .ds-*)",
          "set the DataStore's spec.search.indexDeletion to Lifecycle for data streams, or move this rule to a"
              + " policy on a store with Lifecycle");
      return null;
    }
    if (ctx.rule().indices != null) {
      Duration window =
          ctx.duration("indices.writeWindow", orDefault(ctx.rule().indices.writeWindow));
      if (window == null) {
        return null;
      }
      if (swept(ctx.store())) {
        return sweptIndexRule(ctx, ctx.rule().indices.pattern, retention, window, holdAlias);
      }
      return indexRule(
          ctx,
          engine,
          ctx.rule().indices.pattern,
          retention,
          window,
          holdAlias,
          "indices " + ctx.rule().indices.pattern);
    }
    Duration window =
        ctx.duration("dataStream.writeWindow", orDefault(ctx.rule().dataStream.writeWindow));
    if (window == null) {
      return null;
    }
    String stream = ctx.rule().dataStream.name;
    if (engine == SearchEngine.OpenSearch) {
      // OpenSearch has no data stream lifecycle; ISM manages the backing indices like any others.
      return indexRule(
          ctx,
          engine,
          ".ds-" + stream + "-*",
          retention,
          window,
          holdAlias,
          "data stream " + stream);
    }
    Duration worst = retention.plus(window).plus(DSL_POLL);
    var mechanism = new DataStreamRetention(stream, retention, window, Mechanism.Role.PRIMARY);
    String explanation =
        "Backing indices of data stream "
            + stream
            + " are deleted by the data stream lifecycle"
            + " once their rollover is "
            + DurationText.format(retention)
            + " old, so the newest document is at least "
            + DurationText.format(retention)
            + " old and the oldest at most "
            + DurationText.format(worst)
            + " ("
            + DurationText.format(window)
            + " write window + "
            + DurationText.format(DSL_POLL)
            + " polling), provided"
            + " the cluster rolls data streams over at least every "
            + DurationText.format(window)
            + " (cluster.lifecycle.default.rollover; its default max_age=auto can be longer)."
            + holdNote(holdAlias);
    return new RulePlan(
        ctx.rule().name,
        ctx.rule().dataCategory,
        ctx.rule().purpose,
        ctx.rule().legalBasis,
        "data stream " + stream,
        retention,
        List.of(mechanism),
        worst,
        null,
        null,
        explanation);
  }

  private static RulePlan indexRule(
      RuleContext ctx,
      SearchEngine engine,
      String pattern,
      Duration retention,
      Duration window,
      String holdAlias,
      String target) {
    Duration poll = engine == SearchEngine.OpenSearch ? ISM_POLL : ILM_POLL;
    Duration deleteAfter = retention.plus(window);
    Duration worst = deleteAfter.plus(poll);
    String policyId = policyId(ctx);
    if (policyId == null) {
      return null;
    }
    var mechanism =
        new IndexLifecycle(
            engine, policyId, pattern, deleteAfter, window, holdAlias, Mechanism.Role.PRIMARY);
    if (mechanism.dataStream()) {
      // ISM rolls the stream over (up to one poll late) and deletes from the rollover (one more
      // poll).
      Duration streamWorst = deleteAfter.plus(poll).plus(poll);
      String streamExplanation =
          "ISM rolls data stream "
              + target.substring("data stream ".length())
              + " over once"
              + " its write index is "
              + DurationText.format(window)
              + " old and deletes each backing index ("
              + pattern
              + ") once its rollover is "
              + DurationText.format(retention)
              + " old, so the newest document"
              + " is at least "
              + DurationText.format(retention)
              + " old (never early) and the oldest at most "
              + DurationText.format(streamWorst)
              + " ("
              + DurationText.format(window)
              + " write window + "
              + DurationText.format(poll)
              + " polling for the rollover and "
              + DurationText.format(poll)
              + " for the"
              + " deletion). OpenSearch never deletes a stream's write index: without the rollover nothing would go."
              + holdNote(holdAlias);
      return new RulePlan(
          ctx.rule().name,
          ctx.rule().dataCategory,
          ctx.rule().purpose,
          ctx.rule().legalBasis,
          target,
          retention,
          List.of(mechanism),
          streamWorst,
          null,
          null,
          streamExplanation);
    }
    String explanation =
        "Indices matching "
            + pattern
            + " are deleted by "
            + mechanism.kind()
            + " "
            + DurationText.format(deleteAfter)
            + " after creation: each receives documents for at most "
            + DurationText.format(window)
            + ", so its newest document is at least "
            + DurationText.format(retention)
            + " old (never early) and its oldest at most "
            + DurationText.format(worst)
            + " (+"
            + DurationText.format(poll)
            + " polling). The policy is attached by an index template to new indices and"
            + " explicitly to existing ones."
            + holdNote(holdAlias);
    return new RulePlan(
        ctx.rule().name,
        ctx.rule().dataCategory,
        ctx.rule().purpose,
        ctx.rule().legalBasis,
        target,
        retention,
        List.of(mechanism),
        worst,
        null,
        null,
        explanation);
  }

  /** Whether the store's indices are deleted by the operator's sweep job rather than by ILM/ISM. */
  static boolean swept(DataStore store) {
    return store.getSpec().search != null
        && store.getSpec().search.indexDeletion == IndexDeletion.Sweep;
  }

  private static RulePlan sweptIndexRule(
      RuleContext ctx, String pattern, Duration retention, Duration window, String holdAlias) {
    Duration deleteAfter = retention.plus(window);
    Duration gap = ctx.longestGap();
    Duration worst = deleteAfter.plus(gap);
    var mechanism =
        new IndexSweep(
            pattern,
            deleteAfter,
            window,
            holdAlias,
            ctx.schedule(),
            ctx.maxDeletionsPerRun(),
            Mechanism.Role.PRIMARY);
    String explanation =
        "Indices matching "
            + pattern
            + " are deleted by the sweep job ('"
            + ctx.schedule()
            + "') once they were created "
            + DurationText.format(deleteAfter)
            + " ago by the cluster's clock: each"
            + " receives documents for at most "
            + DurationText.format(window)
            + ", so its newest document is at least "
            + DurationText.format(retention)
            + " old (never early) and its oldest at most "
            + DurationText.format(worst)
            + " (+ up to "
            + DurationText.format(gap)
            + " between runs). The write index of an alias, hidden and"
            + " system indices are never deleted; a run deletes at most "
            + ctx.maxDeletionsPerRun()
            + " indices."
            + holdNote(holdAlias).replace("detached and kept", "kept");
    return new RulePlan(
        ctx.rule().name,
        ctx.rule().dataCategory,
        ctx.rule().purpose,
        ctx.rule().legalBasis,
        "indices " + pattern,
        retention,
        List.of(mechanism),
        worst,
        null,
        null,
        explanation);
  }

  private static String holdNote(String holdAlias) {
    return holdAlias == null
        ? ""
        : " Indices with alias " + holdAlias + " (legal hold) are detached and kept.";
  }

  private static String orDefault(String window) {
    return window == null ? "1d" : window;
  }

  /**
   * The ILM/ISM policy name (see {@link OwnedNames}); null, with an error reported, when it cannot
   * fit.
   */
  static String policyId(RuleContext ctx) {
    String store = ctx.store().getMetadata().getName();
    return OwnedNames.orReport(
        ctx,
        OwnedNames.searchPolicyName(ctx.namespace(), store, ctx.policy().name(), ctx.rule().name),
        "lifecycle policy name",
        OwnedNames.searchPrefix(ctx.namespace(), store),
        OwnedNames.SEARCH_NAME_MAX);
  }
}
