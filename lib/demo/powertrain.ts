/**
 * A lumped electric-vehicle powertrain driven by a drive cycle: longitudinal dynamics give
 * the motor torque, motor losses and auxiliaries give the battery power, an OCV–R battery
 * model gives current and terminal voltage, coulomb counting gives the state of charge and
 * two first-order thermal models give battery and motor temperatures.
 */
import type { Rng } from "../rng";
import type { DriveCycle } from "./drive-cycle";
import { CH, PATH_CHANNELS } from "./types";

const GRAVITY = 9.81; // m/s²
const AIR_DENSITY = 1.2; // kg/m³
const WHEEL_RADIUS = 0.33; // m
const GEAR_RATIO = 9;
const SERIES_CELLS = 96;
const MAX_TORQUE = 350; // N·m, motoring
const MAX_REGEN_TORQUE = 180; // N·m, generating
const MAX_DRIVE_POWER = 150e3; // W, mechanical
const MAX_REGEN_POWER = 70e3; // W, mechanical; friction brakes take the rest
const COPPER_LOSS = 0.1; // W per (N·m)²
const IRON_LOSS = 0.6; // W per rad/s
const RPM_PER_RAD_S = 60 / (2 * Math.PI);

export type Vehicle = {
  mass: number; // kg, with passengers
  dragArea: number; // Cd·A, m²
  rollingResistance: number;
  auxPower: number; // W
  capacity: number; // Ah
  resistance: number; // pack internal resistance at 25 °C, Ω
  ambient: number; // °C
  initialSoc: number; // %
  initialBatteryTemp: number; // °C
  initialMotorTemp: number; // °C
};

export function drawVehicle(rng: Rng): Vehicle {
  const ambient = 2 + 30 * rng.next();
  return {
    mass: 1700 + 500 * rng.next(),
    dragArea: 0.55 + 0.15 * rng.next(),
    rollingResistance: 0.009 + 0.004 * rng.next(),
    auxPower: 300 + 1700 * rng.next(),
    capacity: 140 + 20 * rng.next(),
    resistance: 0.08 + 0.04 * rng.next(),
    ambient,
    initialSoc: 35 + 60 * rng.next(),
    initialBatteryTemp: ambient + 6 * rng.next(),
    initialMotorTemp: ambient + 15 * rng.next(),
  };
}

/** Motor shaft torque (N·m) needed for the road load, within the motor's limits. */
function motorTorque(v: number, a: number, grade: number, car: Vehicle): number {
  if (v < 0.05) return 0; // standing still: held by the brakes
  const inertia = 1.05 * car.mass * a;
  const aero = 0.5 * AIR_DENSITY * car.dragArea * v * v;
  const rolling = car.rollingResistance * car.mass * GRAVITY * Math.min(1, v / 0.5);
  const climb = car.mass * GRAVITY * Math.sin(Math.atan(grade));
  const torque = ((inertia + aero + rolling + climb) * WHEEL_RADIUS) / GEAR_RATIO;
  const omega = (v / WHEEL_RADIUS) * GEAR_RATIO;
  const regenFade = Math.min(1, v / (6 / 3.6)); // friction brakes take over near standstill
  const regenLimit = regenFade * Math.min(MAX_REGEN_TORQUE, MAX_REGEN_POWER / omega);
  return Math.min(MAX_TORQUE, MAX_DRIVE_POWER / omega, Math.max(-regenLimit, torque));
}

/** Pack open-circuit voltage (V) from state of charge (%). */
function openCircuitVoltage(soc: number): number {
  const s = Math.min(1, Math.max(0, soc / 100));
  return SERIES_CELLS * (3.4 + 0.75 * s - 0.15 * Math.exp(-12 * s));
}

/** Current (A, + = discharge) that delivers `power` (W) at the terminals: P = (OCV − I·R)·I. */
function batteryCurrent(power: number, ocv: number, resistance: number): number {
  const discriminant = Math.max(0, ocv * ocv - 4 * resistance * power);
  return (ocv - Math.sqrt(discriminant)) / (2 * resistance);
}

type State = { soc: number; batteryTemp: number; motorTemp: number };

/** One step of the electrical and thermal model; writes the clean channel values at `t`. */
function step(out: Float64Array[], t: number, cycle: DriveCycle, car: Vehicle, state: State, dt: number): void {
  const v = cycle.speed[t] ?? 0;
  const torque = motorTorque(v, cycle.accel[t] ?? 0, cycle.grade[t] ?? 0, car);
  const omega = (v / WHEEL_RADIUS) * GEAR_RATIO;
  const motorLoss = COPPER_LOSS * torque * torque + IRON_LOSS * omega;
  const power = torque * omega + motorLoss + car.auxPower;
  const resistance = car.resistance * Math.exp(0.015 * (25 - state.batteryTemp));
  const ocv = openCircuitVoltage(state.soc);
  const current = batteryCurrent(power, ocv, resistance);
  const values = [
    v * 3.6,
    torque,
    current,
    ocv - current * resistance,
    state.soc,
    state.batteryTemp,
    state.motorTemp,
    omega * RPM_PER_RAD_S,
  ];
  for (let c = 0; c < values.length; c++) {
    const column = out[c];
    if (column) column[t] = values[c] ?? 0;
  }
  const cooling = state.batteryTemp > 35 ? 150 : 25; // W/K, the chiller starts above 35 °C
  state.soc = Math.max(0, state.soc - (100 * current * dt) / (3600 * car.capacity));
  state.batteryTemp += (dt * (current * current * resistance - cooling * (state.batteryTemp - car.ambient))) / 5e4;
  state.motorTemp += (dt * (motorLoss - 30 * (state.motorTemp - car.ambient))) / 1.2e4;
}

/** Clean (noise-free) channels in physical units, in PATH_CHANNELS order. */
export function simulatePowertrain(cycle: DriveCycle, car: Vehicle, dt: number): Float64Array[] {
  const length = cycle.speed.length;
  const out = PATH_CHANNELS.map(() => new Float64Array(length));
  const state: State = { soc: car.initialSoc, batteryTemp: car.initialBatteryTemp, motorTemp: car.initialMotorTemp };
  for (let t = 0; t < length; t++) step(out, t, cycle, car, state, dt);
  return out;
}

/** Measurement noise (one standard deviation) per channel, in the channel's unit. */
const SENSOR_NOISE: readonly number[] = [0.3, 1.5, 1.0, 0.3, 0.03, 0.05, 0.1, 10];

/** Readings that cannot go below zero (speed, motor speed) or leave 0–100 % (soc). */
export function clampReading(channel: number, value: number): number {
  if (channel === CH.speed || channel === CH.motor_speed) return Math.max(0, value);
  if (channel === CH.soc) return Math.min(100, Math.max(0, value));
  return value;
}

/** Adds white measurement noise and rounds to float32 columns. */
export function addSensorNoise(clean: readonly Float64Array[], rng: Rng): Float32Array[] {
  return clean.map((column, c) => {
    const sigma = SENSOR_NOISE[c] ?? 0;
    const noisy = new Float32Array(column.length);
    for (let t = 0; t < column.length; t++) noisy[t] = clampReading(c, (column[t] ?? 0) + sigma * rng.normal());
    return noisy;
  });
}
