import type { Sql } from '../db/sql.ts';
import type { Store } from './store.ts';
import { appendEvents } from './statements/append-events.ts';
import { cancel } from './statements/cancel.ts';
import { claim } from './statements/claim.ts';
import { enqueue } from './statements/enqueue.ts';
import { finishAndClaim } from './statements/finish-and-claim.ts';
import { finishRun } from './statements/finish-run.ts';
import { heartbeat } from './statements/heartbeat.ts';
import { ensureLanes, listLanes, setLanePaused } from './statements/lanes.ts';
import { getPlan, getRun, listEvents, listRuns } from './statements/read-runs.ts';
import { countActivity, countRuns, countRunsByLane, countRunsBySession } from './statements/count-runs.ts';
import { stepProgress } from './statements/step-progress.ts';
import { getPlanOutline, listPinnedPlanNames, listPlans, savePlan, setPlanPinned } from './statements/plans.ts';
import { listRecentCommands, recordCommand } from './statements/command-history.ts';
import { reclaim } from './statements/reclaim.ts';
import { createSession, listSessions, renameSession, setSessionArchived } from './statements/sessions.ts';
import { finishStep, settleSteps, skipSteps, startStep } from './statements/steps.ts';
import { localQuery } from './statements/local-query.ts';
import {
  getMcpServer, listMcpServers, listTools, putMcpServer, removeMcpServer, saveTools, setMcpServerEnabled, setMcpServerError,
} from './statements/mcp-servers.ts';
import { getArtifact, listArtifacts, listProofs, recordProof } from './statements/proofs.ts';
import { syncSkills } from './statements/skills.ts';
// imports, issue 8: reruns
import { listReusedSteps } from './statements/reused-steps.ts';
// imports, issue 8: rerun API
import { listRechecks, listReruns } from './statements/reruns.ts';
// imports, issue 8: approvals
import {
  cancelApproval, decideApproval, getApproval, listApprovals, pollApproval, requestApproval,
} from './statements/approvals.ts';
// imports, issue 8: schedules
import {
  addSchedule, advanceScheduleCursor, getSchedule, listSchedules, removeSchedule, scheduleTickState, setSchedulePaused,
  setSchedulesPausedAll, staleScheduleFires, updateSchedule,
} from './statements/schedules.ts';
import {
  claimScheduleFire, finishScheduleFire, listScheduleFires, pruneScheduleFires, scheduleBusy, startWaitingFire,
} from './statements/schedule-fires.ts';
// imports, issue 8: retention and history
import { countPurgeable, purgeBatch, referencedSecrets } from './statements/retention.ts';
import {
  databaseSize, lastPurge, listSessionRetention, liveRows, recordPurge, setSessionRetention, vacuumTables,
} from './statements/retention-upkeep.ts';
import { getRuns, lastRunId, scanLogLines, searchLogWindow } from './statements/search-logs.ts';
import { searchQuery } from './statements/run-filter-sql.ts';

/** The Store over a direct connection: PGlite inside the db-worker, or a PostgreSQL pool in any thread. */
export function sqlStore(sql: Sql): Store {
  return {
    ensureLanes: (names) => ensureLanes(sql, names),
    listLanes: () => listLanes(sql),
    setLanePaused: (name, paused) => setLanePaused(sql, name, paused),
    createSession: (title) => createSession(sql, title),
    listSessions: (options) => listSessions(sql, options),
    setSessionArchived: (id, archived) => setSessionArchived(sql, id, archived),
    renameSession: (id, title) => renameSession(sql, id, title),
    enqueue: (request) => enqueue(sql, request),
    claim: (lane, workerId) => claim(sql, lane, workerId),
    heartbeat: (fence) => heartbeat(sql, fence),
    startStep: (fence, idx) => startStep(sql, fence, idx),
    finishStep: (fence, idx, outcome, message) => finishStep(sql, fence, idx, outcome, message),
    finishRun: (fence, ending) => finishRun(sql, fence, ending),
    finishAndClaim: (fence, ending, lane, workerId) => finishAndClaim(sql, fence, ending, lane, workerId),
    cancel: (runId) => cancel(sql, runId),
    reclaim: (request) => reclaim(sql, request),
    appendEvents: (events, fence) => appendEvents(sql, events, fence),
    getRun: (id) => getRun(sql, id),
    listRuns: (filter) => listRuns(sql, filter),
    listEvents: (runId, afterSeq, limit) => listEvents(sql, runId, afterSeq, limit),
    countRuns: (lanes) => countRuns(sql, lanes),
    countRunsBySession: (sessionIds) => countRunsBySession(sql, sessionIds),
    countRunsByLane: (lanes) => countRunsByLane(sql, lanes),
    countActivity: (failedSince) => countActivity(sql, failedSince),
    stepProgress: (runIds) => stepProgress(sql, runIds),
    skipSteps: (fence, idxs, reason) => skipSteps(sql, fence, idxs, reason),
    recordProof: (fence, proof) => recordProof(sql, fence, proof),
    getPlan: (id) => getPlan(sql, id),
    getPlanOutline: (id) => getPlanOutline(sql, id),
    listPlans: () => listPlans(sql),
    savePlan: (plan, planHash) => savePlan(sql, plan, planHash),
    setPlanPinned: (planId, pinned) => setPlanPinned(sql, planId, pinned),
    listPinnedPlanNames: () => listPinnedPlanNames(sql),
    recordCommand: (command) => recordCommand(sql, command),
    listRecentCommands: (limit) => listRecentCommands(sql, limit),
    listProofs: (runId) => listProofs(sql, runId),
    listArtifacts: (runId, withContent) => listArtifacts(sql, runId, withContent),
    getArtifact: (runId, sha256) => getArtifact(sql, runId, sha256),
    localQuery: (text, params) => localQuery(sql, text, params),
    listMcpServers: () => listMcpServers(sql),
    getMcpServer: (name) => getMcpServer(sql, name),
    putMcpServer: (config, source) => putMcpServer(sql, config, source),
    removeMcpServer: (name) => removeMcpServer(sql, name),
    setMcpServerEnabled: (name, enabled) => setMcpServerEnabled(sql, name, enabled),
    setMcpServerError: (name, error) => setMcpServerError(sql, name, error),
    saveTools: (server, tools) => saveTools(sql, server, tools),
    listTools: (server) => listTools(sql, server),
    syncSkills: (rows) => syncSkills(sql, rows),
    // issue 8: reruns, re-proving, settled steps
    settleSteps: (fence, settlements) => settleSteps(sql, fence, settlements),
    listReusedSteps: (runId) => listReusedSteps(sql, runId),
    // issue 8: rerun API
    listReruns: (runId) => listReruns(sql, runId),
    listRechecks: (runId) => listRechecks(sql, runId),
    // issue 8: approvals
    requestApproval: (request) => requestApproval(sql, request),
    pollApproval: (key) => pollApproval(sql, key),
    cancelApproval: (key, reason) => cancelApproval(sql, key, reason),
    decideApproval: (decision) => decideApproval(sql, decision),
    getApproval: (runId, stepId) => getApproval(sql, runId, stepId),
    listApprovals: (filter) => listApprovals(sql, filter),
    // issue 8: schedules
    addSchedule: (schedule) => addSchedule(sql, schedule),
    listSchedules: () => listSchedules(sql),
    getSchedule: (name) => getSchedule(sql, name),
    updateSchedule: (name, changes, now) => updateSchedule(sql, name, changes, now),
    setSchedulePaused: (name, paused, now) => setSchedulePaused(sql, name, paused, now),
    setSchedulesPausedAll: (paused, now) => setSchedulesPausedAll(sql, paused, now),
    removeSchedule: (name) => removeSchedule(sql, name),
    listScheduleFires: (scheduleId, limit) => listScheduleFires(sql, scheduleId, limit),
    scheduleTickState: () => scheduleTickState(sql),
    scheduleBusy: (scheduleId) => scheduleBusy(sql, scheduleId),
    claimScheduleFire: (fire) => claimScheduleFire(sql, fire),
    startWaitingFire: (scheduleId, slot) => startWaitingFire(sql, scheduleId, slot),
    finishScheduleFire: (fire) => finishScheduleFire(sql, fire),
    advanceScheduleCursor: (scheduleId, slot) => advanceScheduleCursor(sql, scheduleId, slot),
    staleScheduleFires: (olderThanMs) => staleScheduleFires(sql, olderThanMs),
    pruneScheduleFires: (keep) => pruneScheduleFires(sql, keep),
    // issue 8: retention and history
    purgeBatch: (request) => purgeBatch(sql, request),
    countPurgeable: (request) => countPurgeable(sql, request),
    referencedSecrets: (names, afterId, upToId) => referencedSecrets(sql, names, afterId, upToId),
    listSessionRetention: () => listSessionRetention(sql),
    setSessionRetention: (sessionId, days) => setSessionRetention(sql, sessionId, days),
    liveRows: () => liveRows(sql),
    vacuumTables: (tables, compact) => vacuumTables(sql, tables, compact),
    databaseSize: () => databaseSize(sql),
    recordPurge: (report) => recordPurge(sql, report),
    lastPurge: () => lastPurge(sql),
    searchQuery: (text) => searchQuery(sql, text),
    scanLogLines: (request) => scanLogLines(sql, request),
    searchLogWindow: (request) => searchLogWindow(sql, request),
    getRuns: (ids) => getRuns(sql, ids),
    lastRunId: () => lastRunId(sql),
  };
}
