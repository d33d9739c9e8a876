// This demo ships without node_modules (it is opened, never installed or run), so these few ambient
// declarations stand in for @types/node and axios and keep the editor free of unrelated red squiggles.

declare const process: { env: Record<string, string | undefined> };

declare module 'axios' {
  export interface AxiosRequestConfig {
    baseURL?: string;
    params?: Record<string, string | number>;
    headers?: Record<string, string>;
    timeout?: number;
  }
  export interface AxiosResponse<T> {
    data: T;
    status: number;
  }
  interface Axios {
    get<T>(url: string, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
    post<T>(url: string, body?: unknown, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
  }
  const axios: Axios;
  export default axios;
}
