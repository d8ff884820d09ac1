{{/* Chart name, truncated to the 63 characters Kubernetes names allow. */}}
{{- define "ekyc-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: release-chart, or the release name alone when it already contains the chart name. */}}
{{- define "ekyc-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "ekyc-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that select the operator's pods; never change them between upgrades. */}}
{{- define "ekyc-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ekyc-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "ekyc-operator.labels" -}}
helm.sh/chart: {{ include "ekyc-operator.chart" . }}
{{ include "ekyc-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ekyc-operator
{{- end }}

{{- define "ekyc-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "ekyc-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "ekyc-operator.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* Job name in Prometheus: the ServiceMonitor scrapes the metrics Service, so it is the Service's name. */}}
{{- define "ekyc-operator.metricsServiceName" -}}
{{- printf "%s-metrics" (include "ekyc-operator.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
