// winston-loki against the Loki push shim of the reference server, with the
// token as the Basic password.

import { describeShipper } from './scenarios';
import { winstonLokiClient } from './clients/winston-loki';

describeShipper('winston-loki in JSON mode', winstonLokiClient);
