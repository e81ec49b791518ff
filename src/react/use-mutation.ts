import { useCallback, useEffect, useRef, useState } from "react";
import type { AuthClientError, AuthResult } from "../client/types.js";

/**
 * The state of a call a component makes, and the function that makes it. `variables` are
 * those of the call in flight (or last made), so a list can tell which row is busy. `mutate`
 * resolves to the call's `{ data, error }` and never throws.
 *
 * @example
 * ```tsx
 * const { mutate, isPending, variables } = useSetActiveSession();
 * const busy = isPending && variables?.sessionId === row.session.id;
 * ```
 */
export interface Mutation<V, D> {
  mutate: (variables: V) => Promise<AuthResult<D>>;
  isPending: boolean;
  variables: V | null;
  data: D | null;
  error: AuthClientError | null;
  /** Clears `data`, `error` and `variables`. */
  reset: () => void;
}

interface MutationState<V, D> {
  isPending: boolean;
  variables: V | null;
  data: D | null;
  error: AuthClientError | null;
}

/**
 * Wraps an `{ data, error }` call in React state. When calls overlap, the state follows the
 * latest one.
 *
 * @example
 * ```tsx
 * const signOut = useMutation(() => authClient.signOut());
 * <button disabled={signOut.isPending} onClick={() => void signOut.mutate(undefined)}>Sign out</button>
 * ```
 */
export function useMutation<V, D>(call: (variables: V) => Promise<AuthResult<D>>): Mutation<V, D> {
  const [state, setState] = useState<MutationState<V, D>>({ isPending: false, variables: null, data: null, error: null });
  const callRef = useRef(call);
  const latest = useRef(0);
  const mounted = useRef(true);

  useEffect(() => {
    callRef.current = call;
  });
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const mutate = useCallback(async (variables: V) => {
    const mine = ++latest.current;
    setState({ isPending: true, variables, data: null, error: null });
    const result = await callRef.current(variables);
    if (mounted.current && mine === latest.current) {
      setState({ isPending: false, variables, data: result.data, error: result.error });
    }
    return result;
  }, []);

  const reset = useCallback(() => {
    latest.current++;
    setState({ isPending: false, variables: null, data: null, error: null });
  }, []);

  return { ...state, mutate, reset };
}
