/**
 * The {@code ekyc.dev/v1alpha1} API: {@link dev.ekyc.operator.api.v1alpha1.DataStore}, {@link
 * dev.ekyc.operator.api.v1alpha1.RetentionPolicy} and {@link
 * dev.ekyc.operator.api.v1alpha1.ConsentPolicy}.
 *
 * <p>Spec classes are plain data holders with public fields: the CRD generator and Jackson read the
 * fields and their annotations directly, and keeping them free of logic keeps the schema the only
 * source of truth. Cross-field rules live in CEL ({@code @ValidationRule}) so the API server
 * rejects bad manifests; {@code plan} evaluates the same CEL offline.
 */
package dev.ekyc.operator.api.v1alpha1;
