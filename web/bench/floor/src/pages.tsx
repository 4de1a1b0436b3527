import { useQuery } from '@tanstack/react-query';
import { Link, Outlet } from 'react-router';

export function Layout() {
  return (
    <>
      <header>
        <Link to="/">Blank app</Link>
      </header>
      <main id="maincontent">
        <Outlet />
      </main>
    </>
  );
}

export function Home() {
  const { data } = useQuery({ queryKey: ['greeting'], queryFn: () => Promise.resolve('Blank app') });
  return <h1>{data ?? 'Loading…'}</h1>;
}
