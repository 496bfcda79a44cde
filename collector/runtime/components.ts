import { errorFields, type Logger } from '../telemetry/log.js';

/**
 * A long-lived part of the collector (store, writer, scoring scheduler, notifier, telemetry,
 * HTTP server): one way to start it and one way to stop it, so the service can compose them
 * in order and close them in reverse without knowing what each one holds.
 */
export interface Component {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts one component and records it, so a later stop (or a later failure) reaches it. */
export type StartComponent = <C extends Component>(component: C) => Promise<C>;

export interface Composed<T> {
  value: T;
  /** Stops every started component, last started first; safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Runs `build`, which starts components one by one with `start` (a later one may need an
 * earlier one's result, so they are not a fixed list). If anything in `build` throws, the
 * components already started are stopped in reverse before the error is rethrown, so a failed
 * start leaves no open store or listening socket behind.
 */
export async function compose<T>(logger: Logger, build: (start: StartComponent) => Promise<T>): Promise<Composed<T>> {
  const started: Component[] = [];
  const start: StartComponent = async (component) => {
    logger.debug({ component: component.name }, 'starting');
    await component.start();
    started.push(component);
    logger.debug({ component: component.name }, 'started');
    return component;
  };
  const stop = () => stopInReverse(logger, started);
  try {
    return { value: await build(start), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Stops the started components, last first, each awaited before the next (a later one may still
 * be using an earlier one: the server writes through the writer into the store). A failing stop
 * is logged and the rest are still stopped; the list is emptied so a second call stops nothing twice.
 */
async function stopInReverse(logger: Logger, started: Component[]): Promise<void> {
  while (started.length > 0) {
    const component = started.pop()!;
    logger.debug({ component: component.name }, 'stopping');
    try {
      await component.stop();
      logger.debug({ component: component.name }, 'stopped');
    } catch (error) {
      logger.error({ component: component.name, ...errorFields(error) }, 'stop failed; stopping the rest');
    }
  }
}
