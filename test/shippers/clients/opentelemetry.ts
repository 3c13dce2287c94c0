// Adapter for the OpenTelemetry JS logs SDK with its OTLP/HTTP exporter
// (0.223.1, JSON encoding), sending the token as a Bearer credential.

import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import {
  LoggerProvider,
  SimpleLogRecordProcessor,
  type LogRecordExporter,
  type ReadableLogRecord,
} from '@opentelemetry/sdk-logs';

import type { Delivery, ShipperClient, ShipperRequest } from '../scenarios';

type ExportCallback = Parameters<LogRecordExporter['export']>[1];
type ExportResult = Parameters<ExportCallback>[0];

/** Shape of the exporter's HTTP errors: `code` is the response status. */
type ExporterError = Error & { code?: number; data?: string };

/** `ExportResultCode.SUCCESS` of @opentelemetry/core. */
const EXPORT_SUCCESS = 0;

/**
 * Per-export bound. The exporter has no option to turn retries off, but it
 * retries only 429, 502, 503 and 504 responses and never past this deadline.
 */
const EXPORT_TIMEOUT_MS = 5_000;

export const openTelemetryClient: ShipperClient = {
  source: 'otlp',
  usesBasic: false,
  deliver: deliverWithOtlpExporter,
};

/**
 * Wraps an exporter and keeps the result of each export, which the SDK's
 * processors otherwise hand only to the global error handler.
 */
class RecordingExporter implements LogRecordExporter {
  readonly results: ExportResult[] = [];

  constructor(private readonly inner: LogRecordExporter) {}

  export(records: ReadableLogRecord[], done: ExportCallback): void {
    this.inner.export(records, (result) => {
      this.results.push(result);
      done(result);
    });
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

async function deliverWithOtlpExporter(
  request: ShipperRequest,
): Promise<Delivery> {
  const headers: Record<string, string> = {};
  if (request.token !== undefined) {
    headers.Authorization = `Bearer ${request.token}`;
  }
  const query = new URLSearchParams({ index: request.index });
  const exporter = new RecordingExporter(
    new OTLPLogExporter({
      url: `${request.baseUrl}/v1/logs?${query}`,
      headers,
      timeoutMillis: EXPORT_TIMEOUT_MS,
    }),
  );
  const provider = new LoggerProvider({
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });

  provider.getLogger('helios-shipper-test').emit({
    body: 'otlp shipper test',
    attributes: { marker: request.marker },
  });
  await provider.forceFlush();
  await provider.shutdown();

  return toDelivery(exporter.results);
}

function toDelivery(results: ExportResult[]): Delivery {
  if (results.length !== 1) {
    const detail = `expected 1 export, saw ${results.length}`;
    return { accepted: false, status: undefined, detail };
  }

  const [result] = results;
  if (result.code === EXPORT_SUCCESS) {
    return { accepted: true, status: undefined, detail: 'export succeeded' };
  }
  const error = result.error as ExporterError | undefined;
  return {
    accepted: false,
    status: error?.code,
    detail: `${error?.message ?? 'export failed'} ${error?.data ?? ''}`,
  };
}
