import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { ZodJitless } from "@/components/zod-jitless";
import "./globals.css";

export const metadata: Metadata = {
  title: "DQS Studio",
  description: "Label anomalies in multivariate time series with an expert in the loop.",
};

/**
 * Every page is rendered per request: the Content-Security-Policy's nonce (proxy.ts) is fresh each
 * time, and Next.js can only put it on the scripts of a page it renders then.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body>
        <ZodJitless />
        {children}
      </body>
    </html>
  );
}
