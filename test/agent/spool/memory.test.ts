import { openMemorySpool } from '../../../agent/spool/memory.js';
import { spoolSuite } from './spool.suite.js';

spoolSuite('memory', { open: (maxBytes) => openMemorySpool({ maxBytes }) });
