package dev.ekyc.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** How long each kind of data in one DataStore may be kept, and how strictly that is enforced. */
@Group(ApiConstants.GROUP)
@Version(ApiConstants.VERSION)
@ShortNames("ekrp")
@Categories("ekyc")
@AdditionalPrinterColumn(
    name = "Store",
    jsonPath = ".spec.storeRef.name",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Rules",
    jsonPath = ".status.ruleCount",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Mode",
    jsonPath = ".spec.mode",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Worst-Case",
    jsonPath = ".status.worstCaseAge",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Promise",
    jsonPath = ".status.deleteWithin",
    type = AdditionalPrinterColumn.Type.STRING)
// What the store really holds (observed), next to what the mechanisms guarantee and what was
// promised.
@AdditionalPrinterColumn(
    name = "Oldest",
    jsonPath = ".status.oldestAge",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Drifted",
    jsonPath = ".status.conditions[?(@.type==\"Drifted\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Compliant",
    jsonPath = ".status.conditions[?(@.type==\"Compliant\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
// The last sweep or purge run: its result, and how long ago it finished (empty for a policy without
// a job).
@AdditionalPrinterColumn(
    name = "Last-Run",
    jsonPath = ".status.lastRun.result",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Last-Run-At",
    jsonPath = ".status.lastRun.completionTime",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class RetentionPolicy extends CustomResource<RetentionPolicySpec, RetentionPolicyStatus>
    implements Namespaced {}
