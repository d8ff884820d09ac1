package dev.ekyc.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A purpose that needs consent, how consent is recorded, and the age and withdrawal rules that go
 * with it.
 */
@Group(ApiConstants.GROUP)
@Version(ApiConstants.VERSION)
@ShortNames("ekcp")
@Categories("ekyc")
@AdditionalPrinterColumn(
    name = "Purpose",
    jsonPath = ".spec.purpose",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Requires",
    jsonPath = ".spec.requires",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Withdrawal-Erasure",
    jsonPath = ".spec.erasureAfterWithdrawal",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ConsentPolicy extends CustomResource<ConsentPolicySpec, ConsentPolicyStatus>
    implements Namespaced {}
