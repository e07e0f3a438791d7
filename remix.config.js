/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*"],
  serverModuleFormat: "esm",
  // our own Express server (migrations before listening, a readable 403 for cross-site posts),
  // compiled with the app into build/index.js
  server: "./app/server.ts",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // off: its MutationObserver scans the subtree of every DOM change for links, which made
    // drawing hundreds of map markers one 250 ms task (measured by npm run bench in Chromium)
    v3_lazyRouteDiscovery: false,
  },
};
