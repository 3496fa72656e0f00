/** Side-effect imports of a component's or feature's stylesheet (`import './DataGrid.css'`); Vite bundles them. */
declare module '*.css';
