package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** An Elasticsearch or OpenSearch cluster. */
@ValidationRule(
    value = "!(has(self.credentialsSecretRef) && has(self.apiKeySecretRef))",
    message = "set at most one of credentialsSecretRef (user name and password) or apiKeySecretRef")
@ValidationRule(
    value = "!self.endpoint.contains('@')",
    message =
        "endpoint must not contain credentials (user:password@host): put them in the Secret that credentialsSecretRef names")
public class SearchSpec {
  @Required
  @JsonPropertyDescription(
      "Elasticsearch (lifecycle via ILM or data stream lifecycle) or OpenSearch (ISM).")
  public SearchEngine engine;

  @Required
  @Size(max = 2048)
  @Pattern("^https?://[^\\s/?#]+(:[0-9]{1,5})?/?$")
  @JsonPropertyDescription("Base URL of the cluster's REST API, e.g. https://es.internal:9200.")
  public String endpoint;

  @JsonPropertyDescription("Secret with a user name and password (basic authentication).")
  public BasicAuthSecretRef credentialsSecretRef;

  @JsonPropertyDescription("Secret with an API key, an alternative to credentialsSecretRef.")
  public ApiKeySecretRef apiKeySecretRef;

  @JsonPropertyDescription(
      "Secret holding extra CA certificates to trust for the cluster's TLS certificate.")
  public CaSecretRef caSecretRef;

  @Default("Lifecycle")
  @JsonPropertyDescription(
      "Who deletes indices: Lifecycle (the cluster's ILM or ISM, configured by the operator) or Sweep (the"
          + " operator's sweep CronJob deletes whole indices by creation date, for clusters without ILM/ISM; never"
          + " a write index, a legally held, hidden or system index). Data stream rules need Lifecycle.")
  public IndexDeletion indexDeletion = IndexDeletion.Lifecycle;
}
