import { wx } from '../cloud'

/**
 * What the openapi ports need from the environment: which adapter to use, and the parts of
 * `cloud.openapi` they call, typed once (wx-server-sdk types `openapi` as `Record<string, any>`).
 */

/** True inside the local cloud's instances (the emulator sets `UNIONHUB_LOCAL_CLOUD=1`). */
export function isLocalCloud(): boolean {
  return process.env.UNIONHUB_LOCAL_CLOUD === '1'
}

/** The local cloud's base URL as a browser reaches it (for links and QR codes to the H5 build). */
export function localCloudUrl(): string {
  return (process.env.UNIONHUB_LOCAL_CLOUD_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, '')
}

/** Which mini program build messages and codes point at; `formal` unless configured. */
export type MiniProgramState = 'formal' | 'trial' | 'developer'

export function miniProgramState(): MiniProgramState {
  const state = process.env.UNIONHUB_MINIPROGRAM_STATE
  return state === 'trial' || state === 'developer' ? state : 'formal'
}

export interface MsgSecCheckDetail {
  strategy?: string
  errcode?: number
  suggest?: string
  label?: number
  keyword?: string
  prob?: number
}

export interface MsgSecCheckReply {
  errCode?: number
  errMsg?: string
  result?: { suggest?: string; label?: number }
  detail?: MsgSecCheckDetail[]
}

export interface OpenApi {
  security: {
    msgSecCheck(request: { openid: string; scene: number; version: 2; content: string }): Promise<MsgSecCheckReply>
  }
  subscribeMessage: {
    send(request: {
      touser: string
      templateId: string
      page: string
      data: Record<string, { value: string }>
      miniprogramState: MiniProgramState
      lang: 'zh_CN'
    }): Promise<{ errCode?: number; errMsg?: string }>
  }
  wxacode: {
    getUnlimited(request: {
      scene: string
      page: string
      checkPath: boolean
      envVersion: 'release' | 'trial' | 'develop'
      width: number
    }): Promise<{ buffer: Buffer; contentType?: string; errCode?: number; errMsg?: string }>
  }
}

export function cloudOpenApi(): OpenApi {
  return wx().openapi as unknown as OpenApi
}
