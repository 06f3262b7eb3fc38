// nbody.js — the classic n-body simulation (Computer Language Benchmarks Game).
// Measures: double-valued fields on class instances, array of objects, Math.sqrt.
const PI = 3.141592653589793;
const SOLAR_MASS = 4 * PI * PI;
const DAYS_PER_YEAR = 365.24;

class Body {
  constructor(x, y, z, vx, vy, vz, mass) {
    this.x = x; this.y = y; this.z = z;
    this.vx = vx; this.vy = vy; this.vz = vz;
    this.mass = mass;
  }
  offsetMomentum(px, py, pz) {
    this.vx = -px / SOLAR_MASS;
    this.vy = -py / SOLAR_MASS;
    this.vz = -pz / SOLAR_MASS;
  }
}

function sun() {
  return new Body(0, 0, 0, 0, 0, 0, SOLAR_MASS);
}
function jupiter() {
  return new Body(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
    1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
    -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS);
}
function saturn() {
  return new Body(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
    -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
    2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS);
}
function uranus() {
  return new Body(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
    2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
    -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS);
}
function neptune() {
  return new Body(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
    2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
    -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS);
}

class NBodySystem {
  constructor(bodies) {
    this.bodies = bodies;
    let px = 0, py = 0, pz = 0;
    for (let i = 0; i < bodies.length; i++) {
      const b = bodies[i];
      px += b.vx * b.mass;
      py += b.vy * b.mass;
      pz += b.vz * b.mass;
    }
    bodies[0].offsetMomentum(px, py, pz);
  }

  advance(dt) {
    const bodies = this.bodies;
    const n = bodies.length;
    for (let i = 0; i < n; i++) {
      const bi = bodies[i];
      for (let j = i + 1; j < n; j++) {
        const bj = bodies[j];
        const dx = bi.x - bj.x;
        const dy = bi.y - bj.y;
        const dz = bi.z - bj.z;
        const d2 = dx * dx + dy * dy + dz * dz;
        const mag = dt / (d2 * Math.sqrt(d2));
        const bim = bi.mass * mag;
        const bjm = bj.mass * mag;
        bi.vx -= dx * bjm; bi.vy -= dy * bjm; bi.vz -= dz * bjm;
        bj.vx += dx * bim; bj.vy += dy * bim; bj.vz += dz * bim;
      }
    }
    for (let i = 0; i < n; i++) {
      const b = bodies[i];
      b.x += dt * b.vx;
      b.y += dt * b.vy;
      b.z += dt * b.vz;
    }
  }

  energy() {
    const bodies = this.bodies;
    const n = bodies.length;
    let e = 0;
    for (let i = 0; i < n; i++) {
      const bi = bodies[i];
      e += 0.5 * bi.mass * (bi.vx * bi.vx + bi.vy * bi.vy + bi.vz * bi.vz);
      for (let j = i + 1; j < n; j++) {
        const bj = bodies[j];
        const dx = bi.x - bj.x, dy = bi.y - bj.y, dz = bi.z - bj.z;
        e -= (bi.mass * bj.mass) / Math.sqrt(dx * dx + dy * dy + dz * dz);
      }
    }
    return e;
  }
}

const STEPS = 70000;
const system = new NBodySystem([sun(), jupiter(), saturn(), uranus(), neptune()]);
const e0 = system.energy().toFixed(9);
for (let i = 0; i < STEPS; i++) system.advance(0.01);
const e1 = system.energy().toFixed(9);
const result = e0 + " " + e1;
const EXPECTED = "-0.169075164 -0.169087137";
if (result !== EXPECTED) throw new Error("nbody: wrong result " + result);
console.log("nbody energy = " + result);
