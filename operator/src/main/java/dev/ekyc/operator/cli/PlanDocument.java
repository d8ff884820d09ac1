package dev.ekyc.operator.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ekyc.operator.api.v1alpha1.EnforcementMode;
import dev.ekyc.operator.api.v1alpha1.LegalBasis;
import dev.ekyc.operator.api.v1alpha1.StoreType;
import dev.ekyc.operator.manifest.DocumentOrigin;
import dev.ekyc.operator.manifest.Finding;
import dev.ekyc.operator.manifest.LoadedManifests;
import dev.ekyc.operator.manifest.Severity;
import dev.ekyc.operator.policy.DurationText;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.RulePlan;
import dev.ekyc.operator.policy.StorePlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * The plan as a stable document for tools ({@code -o json|yaml}): stores, their policies, rules and
 * mechanisms, then every problem with its file. Durations are written as in the API (2h15m, 30d1h),
 * absent values are left out, and field order is fixed by these records.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PlanDocument(
    boolean valid, Summary summary, List<StoreView> stores, List<FindingView> problems) {

  record Summary(int stores, int policies, int rules, int errors, int warnings, int notes) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record StoreView(
      String name,
      String namespace,
      StoreType type,
      String jurisdiction,
      String location,
      String source,
      List<PolicyView> policies) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record PolicyView(
      String name,
      String namespace,
      EnforcementMode mode,
      String schedule,
      long maxDeletionsPerRun,
      String worstCaseAge,
      String deleteWithin,
      boolean enforceable,
      String source,
      List<RuleView> rules) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RuleView(
      String name,
      String dataCategory,
      String purpose,
      LegalBasis legalBasis,
      String target,
      String retention,
      String worstCaseAge,
      String deleteWithin,
      String worstCaseAgeWithConsent,
      String deleteWithinWithConsent,
      String sensitiveWorstCaseAge,
      String sensitiveDeleteWithin,
      String erasureAfterWithdrawal,
      String withdrawalWorstCaseAge,
      String explanation,
      List<MechanismView> mechanisms) {}

  /**
   * {@code details} holds the mechanism's own fields, e.g. a sweeper's prefix, cutoff and schedule;
   * {@code backendRequests} what the adapter will write for it (absent for jobs).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record MechanismView(
      String kind,
      Mechanism.Role role,
      String summary,
      JsonNode details,
      List<BackendRequests.Request> backendRequests) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FindingView(
      Severity severity,
      String file,
      Integer document,
      Integer line,
      String resource,
      String field,
      String message,
      String fix) {}

  private static final ObjectMapper JSON = configure(JsonMapper.builder().build());
  private static final ObjectMapper YAML =
      configure(
          YAMLMapper.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .build());

  static PlanDocument of(Planner.Outcome outcome) {
    EnforcementPlan plan = outcome.plan();
    LoadedManifests manifests = outcome.manifests();
    List<Finding> findings = outcome.findings();
    List<StoreView> stores =
        plan == null
            ? List.of()
            : plan.stores().stream().map(store -> store(store, manifests)).toList();
    int policies = stores.stream().mapToInt(s -> s.policies().size()).sum();
    int rules =
        stores.stream().flatMap(s -> s.policies().stream()).mapToInt(p -> p.rules().size()).sum();
    Summary summary =
        new Summary(
            stores.size(),
            policies,
            rules,
            count(findings, Severity.ERROR),
            count(findings, Severity.WARNING),
            count(findings, Severity.NOTE));
    return new PlanDocument(
        summary.errors() == 0,
        summary,
        stores,
        findings.stream().map(PlanDocument::finding).toList());
  }

  static String json(PlanDocument document) {
    return write(JSON, document);
  }

  static String yaml(PlanDocument document) {
    return write(YAML, document);
  }

  private static StoreView store(StorePlan store, LoadedManifests manifests) {
    return new StoreView(
        store.store().name(),
        store.store().namespace(),
        store.type(),
        store.jurisdiction(),
        store.location(),
        source(manifests.originOf(store.store())),
        store.policies().stream().map(p -> policy(p, manifests)).toList());
  }

  private static PolicyView policy(PolicyPlan policy, LoadedManifests manifests) {
    return new PolicyView(
        policy.policy().name(),
        policy.policy().namespace(),
        policy.mode(),
        policy.schedule(),
        policy.maxDeletionsPerRun(),
        policy.enforceable() ? duration(policy.worstCaseAge()) : null,
        duration(policy.promise()),
        policy.enforceable(),
        source(manifests.originOf(policy.policy())),
        policy.rules().stream().map(PlanDocument::rule).toList());
  }

  private static RuleView rule(RulePlan rule) {
    return new RuleView(
        rule.name(),
        rule.dataCategory(),
        rule.purpose(),
        rule.legalBasis(),
        rule.target(),
        duration(rule.retention()),
        duration(rule.worstCaseAge()),
        duration(rule.promises().deleteWithin()),
        duration(rule.worstCaseAgeWithConsent()),
        duration(rule.promises().deleteWithinWithConsent()),
        duration(rule.sensitiveWorstCaseAge()),
        duration(rule.promises().sensitiveDeleteWithin()),
        duration(rule.promises().erasureAfterWithdrawal()),
        duration(rule.promises().withdrawalWorstCaseAge()),
        rule.explanation(),
        rule.mechanisms().stream().map(PlanDocument::mechanism).toList());
  }

  private static MechanismView mechanism(Mechanism mechanism) {
    ObjectNode details = JSON.valueToTree(mechanism);
    details.remove("role");
    List<BackendRequests.Request> requests = BackendRequests.of(mechanism);
    return new MechanismView(
        mechanism.kind(),
        mechanism.role(),
        mechanism.summary(),
        details,
        requests.isEmpty() ? null : requests);
  }

  private static FindingView finding(Finding finding) {
    DocumentOrigin origin = finding.origin();
    return new FindingView(
        finding.severity(),
        origin == null ? null : origin.file(),
        origin == null || origin.document() == 0 ? null : origin.document(),
        origin == null || origin.line() == 0 ? null : origin.line(),
        finding.resource(),
        finding.field(),
        finding.message(),
        finding.fix());
  }

  private static String source(DocumentOrigin origin) {
    return origin == null ? null : origin.toString();
  }

  private static String duration(Duration d) {
    return d == null ? null : DurationText.format(d);
  }

  private static int count(List<Finding> findings, Severity severity) {
    return (int) findings.stream().filter(f -> f.severity() == severity).count();
  }

  private static ObjectMapper configure(ObjectMapper mapper) {
    SimpleModule durations = new SimpleModule("durations-as-api-text");
    durations.addSerializer(Duration.class, new DurationAsText());
    return mapper
        .registerModule(durations)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  }

  private static String write(ObjectMapper mapper, PlanDocument document) {
    try {
      String text = mapper.writeValueAsString(document);
      return text.endsWith("\n") ? text : text + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write the plan", e);
    }
  }

  /** Durations as the API writes them (2h15m), not ISO-8601 (PT2H15M). */
  private static final class DurationAsText extends StdSerializer<Duration> {
    DurationAsText() {
      super(Duration.class);
    }

    @Override
    public void serialize(Duration value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      generator.writeString(DurationText.format(value));
    }
  }
}
