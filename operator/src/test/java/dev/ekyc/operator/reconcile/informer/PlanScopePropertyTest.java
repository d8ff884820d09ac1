package dev.ekyc.operator.reconcile.informer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.StoreType;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.policy.PolicyCompiler;
import dev.ekyc.operator.policy.PolicyInputs;
import dev.ekyc.operator.policy.ResourceRef;
import dev.ekyc.operator.policy.StoreLocation;
import dev.ekyc.operator.policy.StoreTypes;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A reconciliation compiles only {@link PlanScope}'s inputs; that must give each policy exactly the
 * plan and the problems a compilation of everything gives (and, for object storage and search, its
 * store's whole plan, which enforcement writes). Random clusters: stores of all three types at
 * shared and distinct locations across namespaces (one database name spelled in two cases),
 * policies with overlapping and disjoint tables, prefixes and index patterns, some naming a missing
 * store.
 */
class PlanScopePropertyTest {
  private static final PolicyCompiler COMPILER = new PolicyCompiler();
  private static final String[] NAMESPACES = {"team-a", "team-b", "team-c"};

  static Stream<Long> seeds() {
    return IntStream.range(
            0,
            Math.max(
                20,
                (int) (200 * Double.parseDouble(System.getProperty("ekyc.propertyScale", "1")))))
        .mapToObj(i -> 7_919L * i + 11);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void theScopedPlanOfEveryPolicyIsItsPlanFromEverything(long seed) {
    Random random = new Random(seed);
    List<DataStore> stores = stores();
    List<RetentionPolicy> policies = policies(random, 2 + random.nextInt(18));
    EnforcementPlan full = COMPILER.compile(new PolicyInputs(stores, policies, List.of()));
    PlanScope.Lookup lookup = new ListLookup(stores, policies);
    for (RetentionPolicy policy : policies) {
      ResourceRef ref = ResourceRef.of(policy);
      EnforcementPlan scoped = COMPILER.compile(PlanScope.forReconcile(policy, lookup));
      assertThat(scoped.policy(ref))
          .as("plan of %s (seed %d)", ref, seed)
          .isEqualTo(full.policy(ref));
      assertThat(scoped.problemsOf(ref))
          .as("problems of %s (seed %d)", ref, seed)
          .containsExactlyInAnyOrderElementsOf(full.problemsOf(ref));
      Optional<DataStore> store = PlanScope.storeOf(policy, lookup);
      if (store.isPresent()
          && StoreTypes.of(store.get().getSpec()).orElseThrow() != StoreType.SQL) {
        assertThat(storePlan(scoped, store.get()))
            .as("store plan for %s (seed %d)", ref, seed)
            .isEqualTo(storePlan(full, store.get()));
        List<RetentionPolicy> others = policies.stream().filter(p -> p != policy).toList();
        EnforcementPlan without = COMPILER.compile(new PolicyInputs(stores, others, List.of()));
        assertThat(storePlan(COMPILER.compile(PlanScope.without(policy, lookup)), store.get()))
            .as("store plan without %s (seed %d)", ref, seed)
            .isEqualTo(storePlan(without, store.get()));
      }
    }
  }

  private static Object storePlan(EnforcementPlan plan, DataStore store) {
    return plan.stores().stream()
        .filter(s -> s.store().equals(ResourceRef.of(store)))
        .findFirst()
        .map(s -> s.policies())
        .orElse(List.of());
  }

  private static List<DataStore> stores() {
    List<DataStore> stores = new ArrayList<>();
    for (String ns : NAMESPACES) {
      stores.add(
          store(
              ns,
              "db",
              "sql: {engine: MySQL, host: mysql.internal, database: ekyc,"
                  + " credentialsSecretRef: {name: s}}"));
      // The same database as "db", spelled in another case: one location.
      stores.add(
          store(
              ns,
              "db-twin",
              "sql: {engine: MySQL, host: MYSQL.internal., database: EKYC,"
                  + " credentialsSecretRef: {name: s}}"));
      stores.add(
          store(
              ns,
              "other-db",
              "sql: {engine: MySQL, host: mysql.internal, database: "
                  + ns
                  + ","
                  + " credentialsSecretRef: {name: s}}"));
      stores.add(
          store(
              ns,
              "bucket",
              "objectStorage: {endpoint: 'https://s3.internal', region: r, bucket: media,"
                  + " credentialsSecretRef: {name: s}}"));
      stores.add(
          store(
              ns,
              "own-bucket",
              "objectStorage: {endpoint: 'https://s3.internal', region: r, bucket: "
                  + ns
                  + ", credentialsSecretRef: {name: s}}"));
      stores.add(
          store(
              ns, "logs", "search: {engine: Elasticsearch, endpoint: 'https://es.internal:9200'}"));
    }
    return stores;
  }

  private static DataStore store(String namespace, String name, String spec) {
    DataStore store =
        Serialization.unmarshal(
            """
        apiVersion: ekyc.dev/v1alpha1
        kind: DataStore
        metadata: {name: %s, namespace: %s}
        spec:
          jurisdiction: SG
          %s
        """
                .formatted(name, namespace, spec),
            DataStore.class);
    return store;
  }

  private static List<RetentionPolicy> policies(Random random, int count) {
    String[] sqlStores = {"db", "db-twin", "other-db", "missing"};
    String[] tables = {"users", "USERS", "calls", "events"};
    String[] prefixes = {"a/", "a/b/", "c/"};
    String[] patterns = {"logs-*", "logs-app-*", "audit"};
    List<RetentionPolicy> policies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String ns = NAMESPACES[random.nextInt(NAMESPACES.length)];
      int kind = random.nextInt(3);
      String store;
      List<String> rules = new ArrayList<>();
      int ruleCount = 1 + random.nextInt(2);
      for (int r = 0; r < ruleCount; r++) {
        String selector =
            switch (kind) {
              case 0 ->
                  "table: {name: "
                      + tables[random.nextInt(tables.length)]
                      + ", timestampColumn: created_at, key: id}";
              case 1 -> "objects: {prefix: " + prefixes[random.nextInt(prefixes.length)] + "}";
              default -> "indices: {pattern: '" + patterns[random.nextInt(patterns.length)] + "'}";
            };
        rules.add(
            "- {name: r"
                + r
                + ", dataCategory: identification, "
                + selector
                + ", retention: "
                + (30 + random.nextInt(3))
                + "d}");
      }
      store =
          switch (kind) {
            case 0 -> sqlStores[random.nextInt(sqlStores.length)];
            case 1 -> random.nextBoolean() ? "bucket" : "own-bucket";
            default -> "logs";
          };
      policies.add(
          Serialization.unmarshal(
              """
          apiVersion: ekyc.dev/v1alpha1
          kind: RetentionPolicy
          metadata: {name: p%d, namespace: %s, uid: uid-%d}
          spec:
            storeRef: {name: %s}
            rules:
          %s
          """
                  .formatted(i, ns, i, store, String.join("\n", rules).indent(2)),
              RetentionPolicy.class));
    }
    return policies;
  }

  /** The informers' indexes, over plain lists. */
  private record ListLookup(List<DataStore> stores, List<RetentionPolicy> policies)
      implements PlanScope.Lookup {
    @Override
    public Optional<DataStore> store(String namespace, String name) {
      return stores.stream()
          .filter(
              s ->
                  s.getMetadata().getNamespace().equals(namespace)
                      && s.getMetadata().getName().equals(name))
          .findFirst();
    }

    @Override
    public List<DataStore> storesAt(String locationKey) {
      return stores.stream()
          .filter(s -> Objects.equals(StoreLocation.of(s.getSpec()).key(), locationKey))
          .toList();
    }

    @Override
    public List<RetentionPolicy> policiesOfStore(String namespace, String store) {
      return policies.stream()
          .filter(
              p ->
                  p.getMetadata().getNamespace().equals(namespace)
                      && PolicyReferences.store(p).filter(store::equals).isPresent())
          .toList();
    }

    @Override
    public List<RetentionPolicy> policiesOfTable(String table) {
      return policies.stream().filter(p -> PlanScope.tables(p).contains(table)).toList();
    }

    @Override
    public Optional<ConsentPolicy> consentPolicy(String namespace, String name) {
      return Optional.empty();
    }
  }
}
