// picomatch ships no typings and @types/picomatch is not a dependency: just the part this folder uses.
declare module 'picomatch' {
  interface PicomatchOptions {
    dot?: boolean;
    nocase?: boolean;
    basename?: boolean;
    windows?: boolean;
  }
  type Matcher = (path: string) => boolean;
  function picomatch(glob: string | readonly string[], options?: PicomatchOptions): Matcher;
  export = picomatch;
}
