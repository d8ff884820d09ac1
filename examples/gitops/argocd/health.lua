-- Argo CD resource health for ekyc.dev DataStore, RetentionPolicy and ConsentPolicy (one script for the three
-- kinds). It reads the operator's conditions as docs/gitops.md describes:
--   no status yet, or status.observedGeneration behind metadata.generation  -> Progressing
--   Stalled=True (needs a change of spec or backend)                        -> Degraded
--   RetentionPolicy in mode Audit (reports, deletes nothing), or the
--   operator's --dry-run (Compliant=False, reason AuditMode)                -> Suspended
--   Reconciling=True (e.g. waiting on its DataStore), Ready not yet True    -> Progressing
--   RetentionPolicy Ready but Compliant=False because a job failed or was
--   missed, data is overdue, or a drift stays unrepaired                    -> Degraded
--   Ready=True (and, for a RetentionPolicy in Enforce mode, Compliant=True)  -> Healthy
local hs = {}
local function condition(t)
  if obj.status == nil or obj.status.conditions == nil then
    return nil
  end
  for _, c in ipairs(obj.status.conditions) do
    if c.type == t then
      return c
    end
  end
  return nil
end
local function say(status, c, fallback)
  hs.status = status
  if c ~= nil and c.message ~= nil and c.message ~= "" then
    hs.message = c.reason .. ": " .. c.message
  elseif c ~= nil and c.reason ~= nil then
    hs.message = c.reason .. (fallback ~= nil and (": " .. fallback) or "")
  else
    hs.message = fallback
  end
  return hs
end

if obj.status == nil or obj.status.conditions == nil then
  return say("Progressing", nil, "Waiting for the operator to reconcile the resource")
end
local generation = obj.metadata.generation
local observed = obj.status.observedGeneration
if generation ~= nil and (observed == nil or observed < generation) then
  return say("Progressing", nil, "Waiting for the operator to observe generation " .. generation)
end
local stalled = condition("Stalled")
if stalled ~= nil and stalled.status == "True" then
  return say("Degraded", stalled)
end
local ready = condition("Ready")
if obj.kind == "RetentionPolicy" and obj.spec ~= nil and obj.spec.mode == "Audit" then
  return say("Suspended", nil, "Audit mode: drift and due deletions are reported, nothing is changed or deleted")
end
local reconciling = condition("Reconciling")
if reconciling ~= nil and reconciling.status == "True" then
  return say("Progressing", reconciling)
end
if ready == nil or ready.status ~= "True" then
  if ready ~= nil and ready.status == "False" then
    return say("Degraded", ready)
  end
  return say("Progressing", ready, "Waiting for Ready")
end
if obj.kind == "RetentionPolicy" then
  local drifted = condition("Drifted")
  if drifted ~= nil and drifted.status == "True" then
    return say("Degraded", drifted)
  end
  local compliant = condition("Compliant")
  if compliant ~= nil and compliant.status == "False" then
    if compliant.reason == "AuditMode" then
      -- The operator runs with --dry-run: like Audit mode, nothing is changed or deleted.
      return say("Suspended", compliant)
    end
    if compliant.reason == "JobFailed" or compliant.reason == "JobMissed" or compliant.reason == "DeletionOverdue" then
      return say("Degraded", compliant)
    end
    -- Being applied (e.g. a mechanism or CronJob not verified yet): the next check settles it.
    return say("Progressing", compliant)
  end
  if compliant == nil or compliant.status ~= "True" then
    return say("Progressing", compliant, "Waiting for Compliant")
  end
  return say("Healthy", compliant)
end
return say("Healthy", ready)
