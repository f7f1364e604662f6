/** highlight.js declares its full build; its core entry point has the same API with no language registered. */
declare module 'highlight.js/lib/core' {
  import hljs from 'highlight.js';
  export default hljs;
}
