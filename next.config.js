/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The worker and supervisor are separate tsx processes; only the web app is built here.
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default nextConfig;
