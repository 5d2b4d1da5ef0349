import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../core/util/index.ts';

/**
 * A component whose code loads the first time it renders (one load, shared by every use): the parts of the
 * popup that most opens never show stay out of its first bundle. `placeholder` renders meanwhile, and with the
 * error if the load failed.
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  placeholder: (failure: string | null) => JSX.Element | null = () => null,
): ComponentType<P> {
  let loading: Promise<ComponentType<P>> | null = null;
  return function Lazy(props: P) {
    const [Loaded, setLoaded] = useState<ComponentType<P> | null>(null);
    const [failure, setFailure] = useState<string | null>(null);
    useEffect(() => {
      (loading ??= load()).then(
        (component) => setLoaded(() => component),
        (error: unknown) => setFailure(errorMessage(error)),
      );
    }, []);
    return Loaded ? <Loaded {...props} /> : placeholder(failure);
  };
}
