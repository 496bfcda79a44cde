import { Hono } from 'hono';
import { Report } from '../../../protocol/index.js';
import type { DeviceAuthenticator } from '../../identity/device-auth.js';
import { networkReportRefusal } from '../../identity/network-authority.js';
import { boundToReceipt } from '../../ingest/agent-clock.js';
import { reportToRows } from '../../ingest/report-rows.js';
import { ReportRefusedError, WriterOverloadedError, type ReportWriter } from '../../ingest/report-writer.js';
import type { AppEnv } from '../env.js';
import { jsonBody, type JsonBodyOptions } from '../middleware/json-body.js';
import { nodeAuth } from '../middleware/node-auth.js';
import { requestIdOf } from '../middleware/request-log.js';
import { errorFields, log } from '../../telemetry/log.js';
import { DEFAULT_REFUSED_REPORTS_PER_MINUTE, refusalBudget } from '../middleware/refusal-budget.js';
import { invalid, problem, retryLater } from '../problem.js';

/**
 * POST /v1/reports: answered 202 only after the report's rows are committed, so an
 * acknowledged report is durable; a retry with the same report_id answers `duplicate: true`.
 */
export function reportRoutes(authenticator: DeviceAuthenticator, writer: ReportWriter, limits: JsonBodyOptions, inputDays: number) {
  // A device that keeps sending reports that are refused is answered 429 before its bodies are read (finding 1).
  const budget = refusalBudget({ limit: DEFAULT_REFUSED_REPORTS_PER_MINUTE });
  return new Hono<AppEnv>().post('/', nodeAuth(authenticator), budget, jsonBody(limits), async (c) => {
    const parsed = Report.safeParse(c.get('body'));
    if (!parsed.success) return invalid(c, 'report', parsed.error);
    const report = parsed.data;
    const device = c.get('device');
    if (report.device_id !== device.deviceId) {
      return problem(c, 403, `device_id "${report.device_id}" does not match the node key's device`);
    }
    // Network gear only from a site poller's key, polled no later than now: the whole report is refused.
    const gearRefusal = networkReportRefusal(device.role, report.network_devices, new Date());
    if (gearRefusal) return problem(c, gearRefusal.status, gearRefusal.message);
    // Agent times held to the receipt time: too old refused, ahead clamped or unknown (collector/ingest/agent-clock.ts).
    const receivedAt = new Date();
    const bounded = boundToReceipt(report, { receivedAt, inputDays });
    if (bounded.problems.length > 0) {
      return problem(c, 400, `invalid report: ${bounded.problems.map((p) => p.field).join(', ')}`, bounded.problems);
    }
    const rows = reportToRows(bounded.report, {
      trustId: device.trustId,
      siteId: device.siteId,
      receivedAt,
      bodyBytes: c.get('bodyBytes'),
      clockSkewMs: bounded.clockSkewMs,
    });
    try {
      const result = await writer.write(report.report_id, rows);
      return c.json({ report_id: report.report_id, duplicate: result.duplicate }, 202);
    } catch (error) {
      if (error instanceof WriterOverloadedError) return retryLater(c, 503, error.retryAfterSeconds, error.message);
      // The engine refused this report on its own (its batch was committed without it): resending cannot help.
      if (error instanceof ReportRefusedError) return problem(c, 400, error.message, [{ field: error.field, message: error.message }]);
      log.error({ request_id: requestIdOf(c), ...errorFields(error) }, 'report write failed');
      return retryLater(c, 503, 5, 'storage did not accept the report; retry later');
    }
  });
}
