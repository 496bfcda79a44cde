import { Hono } from 'hono';
import { Report } from '../../../protocol/index.js';
import type { DeviceAuthenticator } from '../../identity/device-auth.js';
import { reportToRows } from '../../store/report-rows.js';
import { WriterOverloadedError, type ReportWriter } from '../../store/report-writer.js';
import type { AppEnv } from '../env.js';
import { jsonBody, type JsonBodyOptions } from '../middleware/json-body.js';
import { nodeAuth } from '../middleware/node-auth.js';
import { invalid, problem, retryLater } from '../problem.js';

/**
 * POST /v1/reports: answered 202 only after the report's rows are committed, so an
 * acknowledged report is durable; a retry with the same report_id answers `duplicate: true`.
 */
export function reportRoutes(authenticator: DeviceAuthenticator, writer: ReportWriter, limits: JsonBodyOptions) {
  return new Hono<AppEnv>().post('/', nodeAuth(authenticator), jsonBody(limits), async (c) => {
    const parsed = Report.safeParse(c.get('body'));
    if (!parsed.success) return invalid(c, 'report', parsed.error);
    const report = parsed.data;
    const device = c.get('device');
    if (report.device_id !== device.deviceId) {
      return problem(c, 403, `device_id "${report.device_id}" does not match the node key's device`);
    }
    const rows = reportToRows(report, {
      trustId: device.trustId,
      siteId: device.siteId,
      receivedAt: new Date(),
      bodyBytes: c.get('bodyBytes'),
    });
    try {
      const result = await writer.write(report.report_id, rows);
      return c.json({ report_id: report.report_id, duplicate: result.duplicate }, 202);
    } catch (error) {
      if (error instanceof WriterOverloadedError) return retryLater(c, 503, error.retryAfterSeconds, error.message);
      console.error(JSON.stringify({ level: 'error', msg: 'report write failed', error: String(error) }));
      return retryLater(c, 503, 5, 'storage did not accept the report; retry later');
    }
  });
}
