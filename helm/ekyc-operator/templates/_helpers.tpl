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

{{- define "ekyc-operator.jobServiceAccountName" -}}
{{- if .Values.jobs.serviceAccount.create }}
{{- default (printf "%s-job" (include "ekyc-operator.fullname" .) | trunc 63 | trimSuffix "-") .Values.jobs.serviceAccount.name }}
{{- else }}
{{- required "jobs.serviceAccount.name is required when jobs.serviceAccount.create is false" .Values.jobs.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The job pods' template as JSON (EKYC_JOB_POD_TEMPLATE): the same overrides as the operator's pods. */}}
{{- define "ekyc-operator.jobPodTemplate" -}}
{{- $env := concat (list (dict "name" "JAVA_TOOL_OPTIONS" "value" .Values.jobs.javaOptions)) .Values.extraEnv -}}
{{- toJson (dict
  "image" (include "ekyc-operator.image" .)
  "imagePullPolicy" .Values.image.pullPolicy
  "serviceAccountName" (include "ekyc-operator.jobServiceAccountName" .)
  "annotations" .Values.podAnnotations
  "labels" .Values.podLabels
  "nodeSelector" .Values.nodeSelector
  "tolerations" .Values.tolerations
  "affinity" .Values.affinity
  "hostNetwork" .Values.hostNetwork
  "dnsPolicy" .Values.dnsPolicy
  "priorityClassName" .Values.priorityClassName
  "imagePullSecrets" .Values.imagePullSecrets
  "env" $env
  "resources" .Values.jobs.resources
  "podSecurityContext" .Values.podSecurityContext
  "securityContext" .Values.securityContext
  "activeDeadlineSeconds" .Values.jobs.activeDeadlineSeconds
  "startingDeadlineSeconds" .Values.jobs.startingDeadlineSeconds
  "backoffLimit" .Values.jobs.backoffLimit
  "successfulJobsHistoryLimit" .Values.jobs.successfulJobsHistoryLimit
  "failedJobsHistoryLimit" .Values.jobs.failedJobsHistoryLimit) }}
{{- end }}
