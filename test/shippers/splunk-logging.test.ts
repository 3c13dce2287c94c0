// splunk-logging against the HEC shim of the reference server.

import { describeShipper } from './scenarios';
import { splunkLoggingClient } from './clients/splunk-logging';

describeShipper(
  'splunk-logging to the HEC event endpoint',
  splunkLoggingClient,
);
