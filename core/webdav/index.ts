// Cross-browser sync of the reading list through a WebDAV folder the reader owns (see sync.ts).
export {
  createWebDavClient,
  parseMultistatus,
  WebDavError,
  type ConnectionResult,
  type RemoteFile,
  type WebDavClient,
  type WebDavClientOptions,
  type WebDavConfig,
  type WebDavErrorKind,
} from './client.ts';
export {
  createKeyCache,
  decodeDeviceFile,
  encodeDeviceFile,
  openEnvelope,
  sealEnvelope,
  PBKDF2_ITERATIONS,
  SYNC_FILE_VERSION,
  SYNC_FORMAT,
  type DeviceFile,
  type FileProblem,
  type KeyCache,
  type ReadResult,
} from './file.ts';
export {
  deviceFileName,
  nextSyncDelay,
  syncWithWebDav,
  type SyncProblem,
  type WebDavSyncFailureKind,
  type WebDavSyncOptions,
  type WebDavSyncResult,
} from './sync.ts';
export {
  ARTICLES_FOLDER,
  encodeArticleCopy,
  syncArticleCopies,
  validateArticleCopy,
  type ArticleCopy,
  type ArticleCopyStore,
  type ArticleSyncResult,
} from './articles.ts';
