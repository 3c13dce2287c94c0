// The OpenTelemetry JS logs SDK and OTLP/HTTP exporter against the OTLP
// shim of the reference server, with the token as a Bearer credential.

import { describeShipper } from './scenarios';
import { openTelemetryClient } from './clients/opentelemetry';

describeShipper('OTLP/HTTP log exporter, JSON encoding', openTelemetryClient);
