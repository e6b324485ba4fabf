// An instant as the API takes it: ISO-8601 with an offset, within the years the product reasons about.
import { z } from 'zod';
import { isSupportedInstant, SUPPORTED_YEARS, UNSUPPORTED_INSTANT } from '../../calendar/instants.ts';

export const instant = () => z.iso.datetime({ offset: true, abort: true }).refine((text) => isSupportedInstant(new Date(text)), {
    message: UNSUPPORTED_INSTANT,
    params: { zh: `应在 ${SUPPORTED_YEARS.from}–${SUPPORTED_YEARS.to} 年之间` },
  });
