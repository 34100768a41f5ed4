import type { IClientOptions, MqttClient } from 'mqtt';
import type { DecodeLimits } from './codec';

export type SparkplugLogLevel = 'debug' | 'info' | 'warn' | 'error';
export type SparkplugLog = (level: SparkplugLogLevel, message: string) => void;

export interface SparkplugHostOptions {
  /** "mqtt://host:1883", "mqtts://…", "ws://…". */
  readonly brokerUrl: string;
  /** Sparkplug host application id: the STATE topic is spBv1.0/STATE/<hostId>. */
  readonly hostId: string;
  /** Sparkplug groups to follow (default ['+']: all). */
  readonly groups?: readonly string[];
  /** MQTT client id (default "<hostId>-host"). Two hosts must not share one. */
  readonly clientId?: string;
  readonly username?: string;
  readonly password?: string;
  /** Wait between reconnection attempts (default 2 s). */
  readonly reconnectPeriodMs?: number;
  /** MQTT keep-alive (default 15 s): the broker publishes the host's will after 1.5 × this without traffic. */
  readonly keepaliveSeconds?: number;
  /** At most one rebirth request per edge node per this period (default 5 s). */
  readonly rebirthThrottleMs?: number;
  /** How long a write waits for the device to report the written value (default 5 s). */
  readonly writeTimeoutMs?: number;
  /** Payload size caps (default 1 MiB payload, 64 KiB string, 100,000 metrics, 65,536 array elements). */
  readonly limits?: Partial<DecodeLimits>;
  /** Caps on what births may make the host hold (default 1,000,000 metrics, 10,000 edge nodes). */
  readonly maxTags?: number;
  readonly maxNodes?: number;
  readonly now?: () => Date;
  /** Where the host says what happens (default: nowhere). Warnings (refusals, seq gaps) are limited to 10 lines a second. */
  readonly log?: SparkplugLog;
  /** Makes the MQTT client (default mqtt.connect); tests pass one that lets them cut the socket. */
  readonly connectMqtt?: (brokerUrl: string, options: IClientOptions) => MqttClient;
}

/** Says at most `perSecond` warnings a second, then how many it left out: junk in must not become a flood of log. */
export class WarningLog {
  private windowStart = 0;
  private said = 0;
  private suppressed = 0;

  constructor(
    private readonly log: SparkplugLog,
    private readonly nowMs: () => number,
    private readonly perSecond = 10,
  ) {}

  warn(message: string): void {
    const now = this.nowMs();
    if (now - this.windowStart >= 1000) {
      if (this.suppressed > 0) this.log('warn', `…and ${this.suppressed} more warnings (see stats())`);
      this.windowStart = now;
      this.said = 0;
      this.suppressed = 0;
    }
    if (this.said < this.perSecond) {
      this.said++;
      this.log('warn', message);
    } else {
      this.suppressed++;
    }
  }
}
