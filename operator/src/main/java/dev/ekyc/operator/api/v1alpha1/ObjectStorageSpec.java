package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** An S3-compatible bucket (AWS S3, Tencent COS, Ceph RGW, MinIO, ...). */
@ValidationRule(
    value = "!self.endpoint.contains('@')",
    message =
        "endpoint must not contain credentials (user:password@host): put them in the Secret that credentialsSecretRef names")
public class ObjectStorageSpec {
  @Required
  @Size(max = 2048)
  @Pattern("^https?://[^\\s/?#]+(:[0-9]{1,5})?/?$")
  @JsonPropertyDescription(
      "Base URL of the S3 API, without the bucket, e.g. https://cos.ap-singapore.myqcloud.com or"
          + " https://s3.eu-west-1.amazonaws.com. Use https in production.")
  public String endpoint;

  @Required
  @Pattern("^[a-z0-9][-a-z0-9]{0,62}$")
  @JsonPropertyDescription(
      "Signing region, e.g. ap-singapore, eu-west-1. Ceph/MinIO usually accept us-east-1.")
  public String region;

  @Required
  @Size(min = 3, max = 63)
  @Pattern("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
  @JsonPropertyDescription("Bucket name (3 to 63 lower-case letters, digits, dots and hyphens).")
  public String bucket;

  @Default("false")
  @JsonPropertyDescription(
      "Address the bucket as endpoint/bucket instead of bucket.endpoint. Ceph and MinIO usually need true.")
  public Boolean pathStyle = false;

  @Default("Generic")
  @JsonPropertyDescription(
      "The S3 implementation; lets the operator account for its known deviations.")
  public ObjectStorageProvider provider = ObjectStorageProvider.Generic;

  @Required
  @JsonPropertyDescription("Secret holding the access key pair the operator and its jobs use.")
  public AccessKeySecretRef credentialsSecretRef;

  @JsonPropertyDescription(
      "Secret holding extra CA certificates to trust (private CAs, e.g. for Ceph).")
  public CaSecretRef caSecretRef;
}
