"""cyclegan-iteration: one CycleGAN training iteration at the configuration of the committed digit results, ngf = ndf
= 32, 3 residual blocks, a 2-layer PatchGAN, batch 1 of grey 32×32 images (Workloads/CycleGanIteration.cs, which runs
papers/cyclegan's CycleGanModel.Step).

As the C# side (Generator.cs, Discriminator.cs, Losses.cs, ImagePool.cs, Train.cs): one image of each domain drawn
with a generator seeded 0 (randint), G(x), F(G(x)), F(y), G(F(y)); the LSGAN generator losses, λ = 10 cycle losses and
0.5 λ identity losses; one Adam step (lr 2e-4, β₁ 0.5) over G's and F's parameters; then each discriminator on the real
image and on its history pool's answer (50 images, coin and index from a generator seeded 1, shared by both pools),
the halved LSGAN loss, and one Adam step over D_X's and D_Y's. The step returns the sum of the losses the C# step
reports, in its order. The weights are loaded from the inputs; nothing draws from the default generator.
"""
import torch
from torch import nn
import torch.nn.functional as F

from inputs import load

NGF, NDF, BLOCKS, D_LAYERS, CHANNELS = 32, 32, 3, 2, 1
POOL, LR, BETA1, LAMBDA, LAMBDA_IDENTITY, BATCH = 50, 2e-4, 0.5, 10.0, 0.5, 1


class ResnetBlock(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.block = nn.Sequential(nn.ReflectionPad2d(1), nn.Conv2d(width, width, 3), nn.InstanceNorm2d(width), nn.ReLU(),
                                   nn.ReflectionPad2d(1), nn.Conv2d(width, width, 3), nn.InstanceNorm2d(width))

    def forward(self, x):
        return x + self.block(x)


class ResnetGenerator(nn.Module):
    def __init__(self):
        super().__init__()
        layers = [nn.ReflectionPad2d(3), nn.Conv2d(CHANNELS, NGF, 7), nn.InstanceNorm2d(NGF), nn.ReLU()]
        for i in range(2):
            mult = 1 << i
            layers += [nn.Conv2d(NGF * mult, NGF * mult * 2, 3, stride=2, padding=1), nn.InstanceNorm2d(NGF * mult * 2), nn.ReLU()]
        layers += [ResnetBlock(NGF << 2) for _ in range(BLOCKS)]
        for i in range(2):
            mult = 1 << (2 - i)
            layers += [nn.ConvTranspose2d(NGF * mult, NGF * mult // 2, 3, stride=2, padding=1, output_padding=1),
                       nn.InstanceNorm2d(NGF * mult // 2), nn.ReLU()]
        layers += [nn.ReflectionPad2d(3), nn.Conv2d(NGF, CHANNELS, 7), nn.Tanh()]
        self.model = nn.Sequential(*layers)

    def forward(self, x):
        return self.model(x)


class PatchDiscriminator(nn.Module):
    def __init__(self):
        super().__init__()
        layers, mult = [nn.Conv2d(CHANNELS, NDF, 4, stride=2, padding=1), nn.LeakyReLU(0.2)], 1
        for n in range(1, D_LAYERS):
            previous, mult = mult, min(1 << n, 8)
            layers += [nn.Conv2d(NDF * previous, NDF * mult, 4, stride=2, padding=1), nn.InstanceNorm2d(NDF * mult), nn.LeakyReLU(0.2)]
        last, mult = mult, min(1 << D_LAYERS, 8)
        layers += [nn.Conv2d(NDF * last, NDF * mult, 4, stride=1, padding=1), nn.InstanceNorm2d(NDF * mult), nn.LeakyReLU(0.2),
                   nn.Conv2d(NDF * mult, 1, 4, stride=1, padding=1)]
        self.model = nn.Sequential(*layers)

    def forward(self, x):
        return self.model(x)


class ImagePool:
    def __init__(self, shape, generator):
        self.images, self.count, self.random = torch.zeros([POOL, *shape]), 0, generator

    def query(self, images):
        with torch.no_grad():
            returned = []
            for i in range(images.shape[0]):
                image = images[i].detach()
                if self.count < POOL:
                    self.images[self.count].copy_(image)
                    self.count += 1
                    returned.append(image.clone())
                elif torch.rand([1], generator=self.random).item() > 0.5:
                    index = torch.randint(0, POOL, [1], generator=self.random).item()
                    returned.append(self.images[index].clone())
                    self.images[index].copy_(image)
                else:
                    returned.append(image.clone())
            return torch.stack(returned, 0)


def loaded(module, t, prefix):
    module.load_state_dict({name[len(prefix):]: value for name, value in t.items() if name.startswith(prefix)})
    return module


def generator_loss(fake):
    return F.mse_loss(fake, torch.ones_like(fake))


def discriminator_loss(real, fake):
    return (F.mse_loss(real, torch.ones_like(real)) + F.mse_loss(fake, torch.zeros_like(fake))) * 0.5


def build(folder):
    t = load(folder)
    x, y = t["x"], t["y"]
    G, F_, DX, DY = (loaded(ResnetGenerator(), t, "G."), loaded(ResnetGenerator(), t, "F."),
                     loaded(PatchDiscriminator(), t, "DX."), loaded(PatchDiscriminator(), t, "DY."))
    order = torch.Generator().manual_seed(0)
    pool_random = torch.Generator().manual_seed(1)
    pool_x, pool_y = ImagePool(x.shape[1:], pool_random), ImagePool(y.shape[1:], pool_random)
    optimizer_g = torch.optim.Adam([*G.parameters(), *F_.parameters()], lr=LR, betas=(BETA1, 0.999))
    optimizer_d = torch.optim.Adam([*DX.parameters(), *DY.parameters()], lr=LR, betas=(BETA1, 0.999))

    def step():
        real_x = x.index_select(0, torch.randint(0, x.shape[0], [BATCH], generator=order))
        real_y = y.index_select(0, torch.randint(0, y.shape[0], [BATCH], generator=order))
        fake_y = G(real_x)
        reconstructed_x = F_(fake_y)
        fake_x = F_(real_y)
        reconstructed_y = G(fake_x)
        gan_g = generator_loss(DY(fake_y))
        gan_f = generator_loss(DX(fake_x))
        cycle_x = F.l1_loss(reconstructed_x, real_x)
        cycle_y = F.l1_loss(reconstructed_y, real_y)
        loss = gan_g + gan_f + (cycle_x + cycle_y) * LAMBDA
        identity_y = F.l1_loss(G(real_y), real_y)
        identity_x = F.l1_loss(F_(real_x), real_x)
        loss = loss + (identity_x + identity_y) * (LAMBDA * LAMBDA_IDENTITY)
        semantic = torch.zeros([])
        optimizer_g.zero_grad(set_to_none=True)
        loss.backward()
        optimizer_g.step()

        optimizer_d.zero_grad(set_to_none=True)
        loss_dy = discriminator_loss(DY(real_y), DY(pool_y.query(fake_y)))
        loss_dx = discriminator_loss(DX(real_x), DX(pool_x.query(fake_x)))
        (loss_dy + loss_dx).backward()
        optimizer_d.step()
        return (loss_dx.item() + loss_dy.item() + gan_g.item() + gan_f.item() + cycle_x.item() + cycle_y.item()
                + identity_x.item() + identity_y.item() + semantic.item())

    return step
