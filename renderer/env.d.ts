// Side-effect imports of styles are bundled by Vite.
declare module '*.css';
