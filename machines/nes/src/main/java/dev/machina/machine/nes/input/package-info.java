/** Controller ports $4016/$4017 and the standard controller. NESdev wiki "Standard controller". */
package dev.machina.machine.nes.input;
