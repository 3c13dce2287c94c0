import { apiEndpoint } from './api';
import { bulkEndpoint } from './bulk';
import { hecEventEndpoint, hecRawEndpoint } from './hec';
import { lokiEndpoint } from './loki';
import { otlpEndpoint } from './otlp';
import type { EndpointDefinition } from './types';

/** Builds the list of every ingest endpoint, in routing order. */
export function defaultEndpoints(): EndpointDefinition[] {
  return [
    apiEndpoint,
    hecEventEndpoint,
    hecRawEndpoint,
    bulkEndpoint,
    otlpEndpoint,
    lokiEndpoint,
  ];
}
