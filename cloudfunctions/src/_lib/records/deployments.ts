import { collection, type Doc } from '../db'

/**
 * What `npm run deploy` uploaded that the cloud cannot report itself: the mini program's last upload
 * (`_id` `miniprogram`). Written and read by the deployment through the management API; no function
 * uses it.
 */
export interface DeploymentRecord extends Doc {
  version: string
  description: string
  /** Hash of the weapp build that was uploaded. */
  buildHash: string
  /** ISO time of the upload. */
  uploadedAt: string
}

export const deployments = collection<DeploymentRecord>('deployments')
