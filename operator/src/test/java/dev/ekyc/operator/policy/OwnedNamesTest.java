package dev.ekyc.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnedNamesTest {

  @Test
  void namesStartWithTheOwningStoreSoAnAdapterFindsRulesOfDeletedPolicies() {
    assertThat(OwnedNames.objectRuleId("ekyc", "media", "faces", "liveness"))
        .contains("ekyc-operator:ekyc/media/faces/liveness");
    assertThat(OwnedNames.searchPolicyName("ekyc", "logs", "oplog", "all"))
        .contains("ekyc-operator-ekyc_logs_oplog_all");
  }

  @Test
  void dottedNamesCannotMakeTwoStoresOrPoliciesShareAName() {
    // Store "a.b" with policy "c" and store "a" with policy "b.c": Kubernetes names may contain
    // dots, so the
    // separators must be characters they cannot contain.
    assertThat(OwnedNames.searchPolicyName("ns", "a.b", "c", "r"))
        .isNotEqualTo(OwnedNames.searchPolicyName("ns", "a", "b.c", "r"));
    assertThat(OwnedNames.objectRuleId("ns", "a.b", "c", "r"))
        .isNotEqualTo(OwnedNames.objectRuleId("ns", "a", "b.c", "r"));
  }

  @Test
  void aLongTailIsCutButKeepsTheStorePrefixAndStaysDistinct() {
    String policy = "p".repeat(253);
    String a = OwnedNames.objectRuleId("ekyc", "media", policy, "rule-a").orElseThrow();
    String b = OwnedNames.objectRuleId("ekyc", "media", policy, "rule-b").orElseThrow();

    assertThat(a)
        .hasSize(OwnedNames.S3_RULE_ID_MAX)
        .startsWith(OwnedNames.objectRulePrefix("ekyc", "media"));
    assertThat(b)
        .hasSize(OwnedNames.S3_RULE_ID_MAX)
        .startsWith(OwnedNames.objectRulePrefix("ekyc", "media"));
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void aStoreNameTooLongForAnyIdIsAnErrorOnThePolicyNotACutPrefix() {
    String store = "s".repeat(240);
    String yaml =
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: DataStore
        metadata: {name: %s, namespace: ekyc}
        spec:
          jurisdiction: SG
          objectStorage: {provider: AWS, endpoint: "https://s3.ap-southeast-1.amazonaws.com", region: ap-southeast-1,
                          bucket: media, credentialsSecretRef: {name: s3}}
        ---
        """
            .formatted(store);
    String policy =
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: media, namespace: ekyc}
        spec:
          storeRef: {name: %s}
          rules:
          - name: liveness
            dataCategory: biometric
            objects: {prefix: liveness/}
            retention: 2h
        """
            .formatted(store);

    EnforcementPlan plan =
        new PolicyCompiler()
            .compile(
                new PolicyInputs(
                    List.of(Serialization.unmarshal(yaml.replace("---\n", ""), DataStore.class)),
                    List.of(Serialization.unmarshal(policy, RetentionPolicy.class)),
                    List.<ConsentPolicy>of()));

    assertThat(plan.problems())
        .anySatisfy(
            p -> {
              assertThat(p.isError()).isTrue();
              assertThat(p.field()).startsWith("spec.rules[0]");
              assertThat(p.message()).contains("255");
              assertThat(p.fix()).contains("shorter name");
            });
  }
}
