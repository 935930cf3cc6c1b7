import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { AppShell } from './app/AppShell.tsx';
import { createQueryClient } from './app/query-client.ts';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <AppShell />
    </QueryClientProvider>
  );
}
