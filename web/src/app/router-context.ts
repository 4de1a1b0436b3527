import type { QueryClient } from '@tanstack/react-query';
import { createContext, RouterContextProvider } from 'react-router';

/** The app's query client, as route loaders are given it (`context.get(queryClientContext)`). */
export const queryClientContext = createContext<QueryClient>();

/** The router's `getContext`: every navigation's loaders are given `queryClient`. */
export function routerContext(queryClient: QueryClient): () => RouterContextProvider {
  return () => new RouterContextProvider(new Map([[queryClientContext, queryClient]]));
}
