package dev.ekyc.operator.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ekyc.operator.policy.IndexSweep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sweep job for search clusters without ILM/ISM: deletes whole indices matching a rule's
 * pattern whose creation date is older than the rule's {@code deleteAfter}, both by the cluster's
 * clock. What it never deletes is decided by {@link IndexSweepDecider}; an index the cluster
 * resolves through an alias or data stream whose name matches the pattern, but whose own name does
 * not, is never a candidate. Each index is deleted by its exact name (never a wildcard), after its
 * aliases are read once more, so a legal hold or a write alias added since the listing still keeps
 * it; the window left is that one request. Killed at any point, a run has deleted only indices that
 * were due, and the next run finishes.
 */
public final class IndexSweeper {
  private static final Logger LOG = LoggerFactory.getLogger(IndexSweeper.class);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

  private final SearchTransport transport;
  private final SearchClient client;
  private final boolean dryRun;

  public IndexSweeper(SearchTransport transport, boolean dryRun) {
    this.transport = transport;
    this.client = new SearchClient(transport);
    this.dryRun = dryRun;
  }

  public IndexSweepResult sweep(IndexSweep rule) {
    Instant now = serverNow();
    Instant cutoff = now.minus(rule.deleteAfter());
    List<IndexFacts> indices = matching(rule.indexPattern());
    Set<String> held = LegalHolds.indicesWithAlias(client, rule.legalHoldAlias());
    List<IndexFacts> facts =
        indices.stream().map(i -> withHold(i, held, rule.legalHoldAlias())).toList();
    Map<String, Integer> aliasSizes =
        aliasSizes(
            IndexSweepDecider.aliasesToSize(
                facts, rule.indexPattern(), rule.legalHoldAlias(), cutoff));
    var outcome =
        IndexSweepDecider.decide(
            facts,
            rule.indexPattern(),
            aliasSizes,
            rule.legalHoldAlias(),
            cutoff,
            rule.maxDeletionsPerRun());
    List<IndexFacts> due = outcome.toDelete();
    long outside = outcome.count(IndexSweepDecider.Verdict.OUTSIDE_PATTERN);
    long listed = indices.size() - outside;
    LOG.info(
        "{}: {} run, cluster time {}, cutoff {}: {} indices match, {} due this run, {} left by the cap{}",
        rule.indexPattern(),
        dryRun ? "dry" : "enforcing",
        now,
        cutoff,
        listed,
        due.size(),
        outcome.count(IndexSweepDecider.Verdict.BACKLOG),
        outside == 0
            ? ""
            : "; " + outside + " indices reached through an alias or data stream left alone");

    long deleted = 0;
    long keptHeld = outcome.count(IndexSweepDecider.Verdict.HELD);
    long writeIndices = outcome.count(IndexSweepDecider.Verdict.WRITE_INDEX);
    long errors = 0;
    long started = System.nanoTime();
    long lastLog = started;
    for (int i = 0; i < due.size(); i++) {
      IndexFacts index = due.get(i);
      if (dryRun) {
        deleted++;
        continue;
      }
      switch (deleteIfStillDue(
          index, rule.indexPattern(), aliasSizes, rule.legalHoldAlias(), cutoff)) {
        case DELETED -> deleted++;
        case NOW_HELD -> keptHeld++;
        case NOW_WRITE_INDEX -> writeIndices++;
        case GONE -> {} // deleted by someone else since the listing: nothing left to do
        case REFUSED -> errors++;
      }
      long t = System.nanoTime();
      if (t - lastLog >= PROGRESS_EVERY.toNanos()) {
        lastLog = t;
        logProgress(rule.indexPattern(), i + 1, due.size(), deleted, Duration.ofNanos(t - started));
      }
    }
    if (writeIndices > 0) {
      LOG.warn(
          "{}: {} indices past the cutoff are kept because they are the write index of an alias; roll the"
              + " alias over so that they can be deleted",
          rule.indexPattern(),
          writeIndices);
    }
    long backlog = outcome.count(IndexSweepDecider.Verdict.BACKLOG);
    IndexSweepResult result =
        new IndexSweepResult(
            dryRun,
            now,
            cutoff,
            listed,
            deleted,
            keptHeld,
            outcome.count(IndexSweepDecider.Verdict.TOO_YOUNG),
            writeIndices,
            outcome.count(IndexSweepDecider.Verdict.NO_CREATION_DATE),
            outcome.count(IndexSweepDecider.Verdict.SYSTEM_OR_HIDDEN),
            errors,
            backlog > 0,
            backlog,
            outcome.oldestBacklog().orElse(null));
    LOG.info(
        "{}: {}{} indices deleted, {} held, {} too young, {} write indices kept, {} without creation date, {}"
            + " refused, backlog {}",
        rule.indexPattern(),
        dryRun ? "would have " : "",
        deleted,
        keptHeld,
        result.tooYoung(),
        writeIndices,
        result.noCreationDate(),
        errors,
        backlog);
    if (backlog > 0) {
      LOG.warn(
          "{}: maxDeletionsPerRun ({}) reached, {} indices remain due for the next run",
          rule.indexPattern(),
          rule.maxDeletionsPerRun(),
          backlog);
    }
    return result;
  }

  /**
   * Counts, rate and, since the run's total is known from the listing, the time left. No index
   * names.
   */
  private static void logProgress(
      String pattern, int done, int total, long deleted, Duration elapsed) {
    double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
    double rate = done / seconds;
    long left = rate <= 0 ? 0 : Math.round((total - done) / rate);
    LOG.info(
        "{}: {}/{} due indices done, {} deleted, {} indices/s, about {} s left",
        pattern,
        done,
        total,
        deleted,
        String.format(Locale.ROOT, "%.1f", rate),
        left);
  }

  /**
   * The cluster's clock: {@code _cat/health}'s epoch, whole seconds (rounding down only moves the
   * cutoff earlier).
   */
  Instant serverNow() {
    return ClusterClock.now(client);
  }

  /**
   * The open and closed indices the pattern matches (hidden ones excluded by the cluster), with
   * their facts.
   */
  private List<IndexFacts> matching(String pattern) {
    String path = "/" + SearchPaths.segment(pattern);
    JsonNode settings =
        client.read(
            path
                + "/_settings/index.creation_date,index.hidden"
                + "?flat_settings=true&expand_wildcards=open,closed");
    JsonNode aliases = client.read(path + "/_alias?expand_wildcards=open,closed");
    List<IndexFacts> out = new ArrayList<>();
    settings
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode s = e.getValue().path("settings");
              String created = s.path("index.creation_date").asText("");
              out.add(
                  new IndexFacts(
                      e.getKey(),
                      created.matches("\\d+")
                          ? Instant.ofEpochMilli(Long.parseLong(created))
                          : null,
                      "true".equals(s.path("index.hidden").asText()),
                      aliasesOf(aliases.path(e.getKey()))));
            });
    return out;
  }

  private static Map<String, Boolean> aliasesOf(JsonNode index) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    index
        .path("aliases")
        .fields()
        .forEachRemaining(
            a -> {
              JsonNode flag = a.getValue().get("is_write_index");
              out.put(a.getKey(), flag == null || flag.isNull() ? null : flag.asBoolean());
            });
    return out;
  }

  /**
   * Held per the alias lookup even if the index's own alias listing missed it (the two reads are
   * not atomic).
   */
  private static IndexFacts withHold(IndexFacts index, Set<String> held, String holdAlias) {
    if (holdAlias == null
        || !held.contains(index.name())
        || index.aliases().containsKey(holdAlias)) {
      return index;
    }
    Map<String, Boolean> aliases = new LinkedHashMap<>(index.aliases());
    aliases.put(holdAlias, null);
    return new IndexFacts(index.name(), index.created(), index.hidden(), aliases);
  }

  /**
   * How many indices of the cluster carry each alias ({@code GET _alias/a,b}; a missing one answers
   * 404).
   */
  private Map<String, Integer> aliasSizes(Set<String> aliases) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (String batch : SearchPaths.batches(List.copyOf(aliases))) {
      SearchRequest request = SearchRequest.get("/_alias/" + batch);
      SearchResponse response = transport.send(request);
      if (!response.ok() && response.status() != 404) {
        throw SearchRequestException.forResponse(request, response);
      }
      Json.parse(request, response)
          .fields()
          .forEachRemaining(
              e ->
                  e.getValue()
                      .path("aliases")
                      .fieldNames()
                      .forEachRemaining(a -> sizes.merge(a, 1, Integer::sum)));
    }
    return sizes;
  }

  private enum Deletion {
    DELETED,
    NOW_HELD,
    NOW_WRITE_INDEX,
    GONE,
    REFUSED
  }

  /** Re-reads the index's aliases, then deletes it by its exact name if it is still due. */
  private Deletion deleteIfStillDue(
      IndexFacts index,
      String pattern,
      Map<String, Integer> aliasSizes,
      String holdAlias,
      Instant cutoff) {
    String path = "/" + SearchPaths.segment(index.name());
    JsonNode current = client.readOrNull(path + "/_alias");
    if (current == null) {
      return Deletion.GONE;
    }
    IndexFacts now =
        new IndexFacts(
            index.name(), index.created(), index.hidden(), aliasesOf(current.path(index.name())));
    Map<String, Integer> sizes = new LinkedHashMap<>(aliasSizes);
    now.aliases()
        .keySet()
        .forEach(a -> sizes.putIfAbsent(a, 1)); // a new alias: unknown size keeps the index
    IndexSweepDecider.Verdict verdict =
        IndexSweepDecider.keptBecause(now, pattern, sizes, holdAlias, cutoff);
    if (verdict == IndexSweepDecider.Verdict.HELD) {
      return Deletion.NOW_HELD;
    }
    if (verdict != null) {
      return Deletion.NOW_WRITE_INDEX;
    }
    SearchRequest request = new SearchRequest("DELETE", path, null);
    SearchResponse response = transport.send(request);
    if (response.ok()) {
      return Deletion.DELETED;
    }
    if (response.status() == 404) {
      return Deletion.GONE;
    }
    // Status and error type only: counts and reasons in the log, names stay in the cluster.
    LOG.warn(
        "the cluster refused to delete a due index: HTTP {} {}",
        response.status(),
        errorType(response));
    return Deletion.REFUSED;
  }

  private static String errorType(SearchResponse response) {
    try {
      return Json.MAPPER
          .readTree(response.body() == null ? "{}" : response.body())
          .path("error")
          .path("type")
          .asText("");
    } catch (java.io.IOException e) {
      return "(no JSON error)";
    }
  }
}
