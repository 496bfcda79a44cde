import { createRoute, z } from '@hono/zod-openapi';
import { Report } from '../../../protocol/index.js';
import { DomainError, invalid } from '../../errors.js';
import type { DeviceAuthenticator } from '../../identity/device-auth.js';
import { networkReportRefusal } from '../../identity/network-authority.js';
import { boundToReceipt } from '../../ingest/agent-clock.js';
import { reportToRows } from '../../ingest/report-rows.js';
import { ReportRefusedError, WriterOverloadedError, type ReportWriter } from '../../ingest/report-writer.js';
import { errorFields, log } from '../../telemetry/log.js';
import { jsonBody, type JsonBodyOptions } from '../middleware/json-body.js';
import { nodeAuth } from '../middleware/node-auth.js';
import { DEFAULT_REFUSED_REPORTS_PER_MINUTE, refusalBudget } from '../middleware/refusal-budget.js';
import { requestIdOf } from '../middleware/request-log.js';
import { apiRouter } from '../openapi/router.js';
import { errors, json, NODE_SECURITY } from '../openapi/schemas.js';

const ReportAccepted = z
  .object({
    report_id: z.string(),
    duplicate: z.boolean().openapi({ description: 'True when this report_id was already stored (a retry): nothing was written twice.' }),
  })
  .openapi('ReportAccepted');

/**
 * POST /v1/reports: answered 202 only after the report's rows are committed, so an
 * acknowledged report is durable; a retry with the same report_id answers `duplicate: true`.
 */
export function reportRoutes(authenticator: DeviceAuthenticator, writer: ReportWriter, limits: JsonBodyOptions, inputDays: number) {
  // A device that keeps sending reports that are refused is answered 429 before its bodies are read (finding 1).
  const budget = refusalBudget({ limit: DEFAULT_REFUSED_REPORTS_PER_MINUTE });
  const send = createRoute({
    method: 'post',
    path: '/',
    tags: ['agents'],
    summary: 'Send a report (inventory, samples, network gear) as its device',
    description: 'Body as JSON, gzip-encoded (Content-Encoding: gzip) or not. Answered 202 once the rows are committed; a device whose reports keep being refused is answered 429.',
    security: NODE_SECURITY,
    middleware: [nodeAuth(authenticator), budget, jsonBody(limits)] as const,
    request: { body: { required: true, content: { 'application/json': { schema: Report.meta({ id: 'Report' }) } } } },
    responses: { 202: json(ReportAccepted, 'Stored (or already stored).'), ...errors(400, 401, 403, 413, 415, 429, 503) },
  });
  return apiRouter().openapi(send, async (c) => {
    const report = c.req.valid('json');
    const device = c.get('device');
    if (report.device_id !== device.deviceId) {
      throw new DomainError('forbidden', `device_id "${report.device_id}" does not match the node key's device`);
    }
    // Network gear only from a site poller's key, polled no later than now: the whole report is refused.
    const gearRefusal = networkReportRefusal(device.role, report.network_devices, new Date());
    if (gearRefusal) throw gearRefusal;
    // Agent times held to the receipt time: too old refused, ahead clamped or unknown (collector/ingest/agent-clock.ts).
    const receivedAt = new Date();
    const bounded = boundToReceipt(report, { receivedAt, inputDays });
    if (bounded.problems.length > 0) {
      throw invalid(`invalid report: ${bounded.problems.map((p) => p.field).join(', ')}`, bounded.problems);
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
      if (error instanceof WriterOverloadedError) throw new DomainError('unavailable', error.message, { retryAfterSeconds: error.retryAfterSeconds });
      // The engine refused this report on its own (its batch was committed without it): resending cannot help.
      if (error instanceof ReportRefusedError) throw invalid(error.message, [{ field: error.field, message: error.message }]);
      log.error({ request_id: requestIdOf(c), ...errorFields(error) }, 'report write failed');
      throw new DomainError('unavailable', 'storage did not accept the report; retry later', { retryAfterSeconds: 5 });
    }
  });
}
